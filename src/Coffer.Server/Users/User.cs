namespace Coffer.Server.Users;

/// <summary>A userpass user: an entity of its own, and the settings its login tokens get.</summary>
public sealed record User(
    string Name, string EntityId, byte[] SealedPassword, IReadOnlyList<string> Policies,
    TimeSpan? TokenTtl, TimeSpan? TokenMaxTtl, IReadOnlyList<string> TokenBoundCidrs, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal interface IUserStore
{
    Task<User?> GetAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken);

    Task PutAsync(User user, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
