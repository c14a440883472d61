namespace Coffer.Server.Secrets;

/// <summary>
/// Persistence for organizations, projects, secrets and secret versions; reached only through the Secrets managers.
/// Lists are keyset-paginated by id.
/// </summary>
internal interface ISecretStore
{
    Task InsertOrganizationAsync(Organization organization, CancellationToken cancellationToken);
    Task<Organization?> GetOrganizationAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<Organization>> ListOrganizationsAsync(Guid? after, int limit, CancellationToken cancellationToken);
    Task<bool> RenameOrganizationAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken);
    Task<bool> DeleteOrganizationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the project and, with <paramref name="grantReadWriteTo"/>, grants that machine account read-write on it in the same
    /// transaction; false (nothing written) when that machine account is not in the project's organization.
    /// </summary>
    Task<bool> InsertProjectAsync(Project project, Guid? grantReadWriteTo, DateTimeOffset now, CancellationToken cancellationToken);
    Task<Project?> GetProjectAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<Project>> ListProjectsAsync(Guid organizationId, Guid? after, int limit, CancellationToken cancellationToken);
    Task<IReadOnlyList<Project>> ProjectsOfMachineAccountAsync(Guid machineAccountId, CancellationToken cancellationToken);

    /// <summary>A page of the organization's projects the machine account is granted on (filtered in the query, so pages are full).</summary>
    Task<IReadOnlyList<Project>> ListProjectsOfMachineAccountAsync(Guid organizationId, Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken);
    Task<bool> RenameProjectAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken);
    Task<int> DeleteProjectsAsync(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken);

    Task InsertSecretAsync(Secret secret, CancellationToken cancellationToken);
    Task<Secret?> GetSecretAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A secret with its project, in one read (the Bitwarden API answers both).</summary>
    Task<(Secret Secret, Project Project)?> GetSecretWithProjectAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<Secret>> GetSecretsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);
    Task<IReadOnlyList<Secret>> ListSecretsAsync(Guid projectId, Guid? after, int limit, CancellationToken cancellationToken);
    Task<IReadOnlyList<Secret>> FindSecretsByKeyAsync(Guid projectId, byte[] keyIndex, Guid? after, int limit, CancellationToken cancellationToken);
    Task<IReadOnlyList<Secret>> SecretsOfMachineAccountAsync(Guid machineAccountId, Guid? projectId, CancellationToken cancellationToken);

    /// <summary>Whether a secret in a project granted to the machine account was created or changed at or after <paramref name="since"/>.</summary>
    Task<bool> SecretChangedSinceAsync(Guid machineAccountId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Replaces a secret's fields; when <paramref name="previous"/> is given it is kept as a version. False if the version moved on.</summary>
    Task<bool> UpdateSecretAsync(Secret updated, int expectedVersion, SecretVersion? previous, CancellationToken cancellationToken);
    Task<int> DeleteSecretsAsync(IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken);
    Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid secretId, int? before, int limit, CancellationToken cancellationToken);
    Task<SecretVersion?> GetVersionAsync(Guid secretId, int version, CancellationToken cancellationToken);
}
