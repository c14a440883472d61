using System.Data.Common;

namespace Coffer.Server.Storage;

/// <summary>IN (...) lists as numbered parameters: portable across both providers, callers bound the length.</summary>
public static class SqlLists
{
    public static string Parameters(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"@{prefix}{i}"));

    public static DbCommand WithList<T>(this DbCommand command, string prefix, IReadOnlyList<T> values)
    {
        for (var i = 0; i < values.Count; i++) command.With(prefix + i, values[i]);
        return command;
    }
}
