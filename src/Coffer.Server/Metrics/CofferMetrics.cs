using System.Diagnostics.Metrics;
using Coffer.Server.Configuration;
using Coffer.Server.Seal;

namespace Coffer.Server.Metrics;

/// <summary>Coffer's own instruments; request counts and latencies come from ASP.NET Core's meters.</summary>
internal sealed class CofferMetrics : IDisposable
{
    public const string MeterName = "Coffer";
    private readonly Meter _meter;

    public CofferMetrics(SealManager seal, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName, CofferVersion.Value);
        _meter.CreateObservableGauge("coffer.seal.sealed", () => seal.State == SealState.Unsealed ? 0 : 1,
            description: "1 while the server is sealed or not initialized, 0 when unsealed");
        _meter.CreateObservableGauge("coffer.seal.initialized", () => seal.State == SealState.Uninitialized ? 0 : 1,
            description: "1 once the server has been initialized");
    }

    public void Dispose() => _meter.Dispose();
}
