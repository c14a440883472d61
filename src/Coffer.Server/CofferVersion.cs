using System.Reflection;

namespace Coffer.Server;

public static class CofferVersion
{
    public static string Value { get; } =
        typeof(CofferVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
