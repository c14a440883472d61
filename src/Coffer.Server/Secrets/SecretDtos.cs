namespace Coffer.Server.Secrets;

public sealed record NameBody
{
    public string? Name { get; init; }
}

public sealed record OrganizationView(Guid Id, string Name, DateTimeOffset CreationTime, DateTimeOffset RevisionTime);

public sealed record OrganizationList(IReadOnlyList<OrganizationView> Organizations, Guid? NextAfter);

public sealed record ProjectView(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreationTime, DateTimeOffset RevisionTime);

public sealed record ProjectList(IReadOnlyList<ProjectView> Projects, Guid? NextAfter);

public sealed record SecretBody
{
    public string? Key { get; init; }
    public string? Value { get; init; }
    public string? Note { get; init; }
    public Guid? ProjectId { get; init; }
}

public sealed record SecretView(Guid Id, Guid OrganizationId, Guid ProjectId, string Key, string? Value, string? Note, int Version,
    DateTimeOffset CreationTime, DateTimeOffset RevisionTime);

public sealed record SecretList(IReadOnlyList<SecretView> Secrets, Guid? NextAfter);

public sealed record VersionView(int Version, string Key, string Value, string Note, DateTimeOffset CreationTime);

public sealed record VersionList(IReadOnlyList<VersionView> Versions, int? NextBefore);

public sealed record RestoreBody
{
    public int? Version { get; init; }
}
