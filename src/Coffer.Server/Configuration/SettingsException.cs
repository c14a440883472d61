namespace Coffer.Server.Configuration;

/// <summary>A setting that stops the start; the message names the setting and where it came from.</summary>
public sealed class SettingsException(string message) : Exception(message);
