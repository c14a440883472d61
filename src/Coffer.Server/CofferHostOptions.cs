using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server;

/// <summary>What a caller of <see cref="CofferHost"/> may change: the clock, where the banner goes, extra services (tests).</summary>
public sealed class CofferHostOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TextWriter Output { get; init; } = Console.Out;
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
