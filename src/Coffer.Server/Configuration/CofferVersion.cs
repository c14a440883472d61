using System.Reflection;

namespace Coffer.Server.Configuration;

/// <summary>This build's version (the assembly's informational version without the commit).</summary>
public static class CofferVersion
{
    public static string Value { get; } =
        typeof(CofferVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
