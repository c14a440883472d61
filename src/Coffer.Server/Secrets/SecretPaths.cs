namespace Coffer.Server.Secrets;

/// <summary>
/// The native paths of organizations, projects and secrets. They are also the names policies grant on, so the
/// native endpoints, the managers and the Bitwarden surface (which asks the same Authorizer) build them here.
/// </summary>
public static class SecretPaths
{
    public const string Organizations = "/v1/config/orgs";

    public static string Organization(Guid org) => $"{Organizations}/{org:D}";

    public static string Projects(Guid org) => $"{Organization(org)}/projects";

    public static string Project(Guid org, Guid project) => $"{Projects(org)}/{project:D}";

    public static string Secrets(Guid org, Guid project) => $"{Project(org, project)}/secrets";

    public static string Secret(Guid org, Guid project, Guid secret) => $"{Secrets(org, project)}/{secret:D}";

    /// <summary>Where a project's operations (restore-version) are authorized: execute on /v1/state/….</summary>
    public static string ProjectState(Guid org, Guid project) => $"/v1/state/orgs/{org:D}/projects/{project:D}";
}
