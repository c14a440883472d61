namespace Coffer.Server.Storage;

/// <summary>The storage cannot be used (unreachable, corrupt, foreign, too new); stops the start with this message.</summary>
public sealed class StorageException(string message) : Exception(message);
