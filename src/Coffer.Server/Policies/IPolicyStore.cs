namespace Coffer.Server.Policies;

/// <summary>Stored policies: the name and the document as JSON (policies are not secret); reached only through <see cref="PolicyCatalog"/>.</summary>
internal interface IPolicyStore
{
    Task<string?> GetAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken);

    /// <summary>Creates or replaces; with <paramref name="onlyIfNew"/>, false when the name exists.</summary>
    Task<bool> PutAsync(string name, string document, bool onlyIfNew, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Policies that are not stored but derived (a machine account's grants become its policy).</summary>
public interface IDerivedPolicies
{
    bool Owns(string name);

    Task<Core.Policies.Policy?> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Change-feed topic: a stored policy changed (key: its name); every node drops its compiled copy.</summary>
public static class PolicyChanges
{
    public const string Topic = "policies";
}
