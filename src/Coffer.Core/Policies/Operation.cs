namespace Coffer.Core.Policies;

/// <summary>
/// What a request does to a path: create (POST to a collection), read (GET), update (PUT, PATCH),
/// delete (DELETE), execute (POST to an operation such as create-token).
/// </summary>
public enum Operation { Create, Read, Update, Delete, Execute }

public static class Operations
{
    public const string All = "all";

    public static string Name(Operation operation) => operation.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out Operation operation)
    {
        foreach (var candidate in Enum.GetValues<Operation>())
            if (Name(candidate) == name)
            {
                operation = candidate;
                return true;
            }
        operation = default;
        return false;
    }
}
