using Coffer.Server.Secrets;

namespace Coffer.Server.Bitwarden;

/// <summary>Stored records as Bitwarden response models; fields are the EncStrings exactly as stored.</summary>
public static class BitwardenViews
{
    public static ProjectResponse Project(Project p, bool write) => new(p.Id, p.OrganizationId, p.Name, p.CreatedAt, p.RevisionDate, Read: true, write);

    public static SecretResponse Secret(Secret s, Project project, bool write) =>
        new(s.Id, s.OrganizationId, s.Key, s.Value, s.Note, s.CreatedAt, s.RevisionDate, [new SecretProject(project.Id, project.Name)], Read: true, write);

    public static BaseSecretResponse BaseSecret(Secret s, IReadOnlyDictionary<Guid, Project> projects) =>
        new(s.Id, s.OrganizationId, s.Key, s.Value, s.Note, s.CreatedAt, s.RevisionDate, Projects(s, projects));

    public static SecretListItem ListItem(Secret s, IReadOnlyDictionary<Guid, Project> projects, bool write) =>
        new(s.Id, s.OrganizationId, s.Key, s.CreatedAt, s.RevisionDate, Projects(s, projects), Read: true, write);

    private static IReadOnlyList<SecretProject> Projects(Secret s, IReadOnlyDictionary<Guid, Project> projects) =>
        projects.TryGetValue(s.ProjectId, out var project) ? [new SecretProject(project.Id, project.Name)] : [];
}
