namespace Coffer.Core;

/// <summary>
/// Input that does not follow one of Coffer's formats (a duration, a CIDR, a policy, a token...).
/// The message is written for the person who sent the input: what was wrong and how to fix it.
/// Servers map it to 400; it never carries secret material.
/// </summary>
public class CofferFormatException(string message) : FormatException(message);
