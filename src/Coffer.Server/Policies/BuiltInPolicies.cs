using Coffer.Core.Policies;

namespace Coffer.Server.Policies;

/// <summary>
/// `default`, added to tokens unless no-default-policy: a token may look itself up, refresh and revoke
/// itself, list its entity's accessors and read the seal status. Operations on the caller's own token
/// are authorized against the operation's path + "/self", so these rules grant nothing over other tokens.
/// Editable (a stored `default` replaces this one), never deletable.
/// </summary>
public static class BuiltInPolicies
{
    private static readonly Dictionary<string, string> Execute = new() { ["execute"] = "allow" };

    public static readonly PolicyDocument Default = new(PolicyNames.Default,
    [
        new("/v1/state/strongbox/token/info/self", Execute, "look up the caller's own token"),
        new("/v1/state/strongbox/token/refresh/self", Execute, "refresh the caller's own token"),
        new("/v1/state/strongbox/token/revoke-self", Execute, "revoke the caller's own token"),
        new("/v1/state/strongbox/token/list-accessors", Execute, "list the caller's entity's tokens"),
        new("/v1/token-info/self", Execute, "look up the caller's own token"),
        new("/v1/sys/seal-status", new Dictionary<string, string> { ["read"] = "allow" }, "read the seal status"),
    ]);

    public static readonly PolicyDocument Root = new(PolicyNames.Root,
        [new("/**", new Dictionary<string, string> { [Operations.All] = "allow" }, "built in: root may do everything")]);
}
