using Coffer.Server.Changes;

namespace Coffer.Server.Secrets;

/// <summary>
/// Recently read secrets with their project (the Bitwarden API's hot path reads the same secrets over and
/// over), bounded by size. Any change to a secret, or to a project or organization holding it, is announced
/// on the change feed and drops it here and on every other node.
/// </summary>
internal sealed class SecretCache(ChangeFeed changes)
{
    public const string Topic = "secrets";
    private const long MaxChars = 32L * 1024 * 1024;

    private readonly BoundedCache<Guid, (Secret Secret, Project Project)?> _entries = new(changes, Topic, MaxChars, Guid.TryParse, Size);

    public ValueTask<(Secret Secret, Project Project)?> GetOrLoadAsync(Guid id, Func<Guid, CancellationToken, Task<(Secret Secret, Project Project)?>> load,
        CancellationToken cancellationToken) =>
        _entries.GetOrLoadAsync(id, load, cancellationToken, keep: found => found is not null);

    private static long Size((Secret Secret, Project Project)? entry) => entry is var (secret, project)
        ? secret.Key.Length + secret.Value.Length + secret.Note.Length + project.Name.Length + 200
        : 0;
}
