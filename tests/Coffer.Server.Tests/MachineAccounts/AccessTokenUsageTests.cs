using Coffer.Server.MachineAccounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Server.Tests.MachineAccounts;

/// <summary>Recording a use sits on every JWT request's path: it must not allocate, and never writes by itself.</summary>
public sealed class AccessTokenUsageTests
{
    [Fact]
    public void Recording_a_use_of_a_token_already_pending_allocates_nothing()
    {
        var usage = new AccessTokenUsage(null!, NullLogger<AccessTokenUsage>.Instance);
        var token = Guid.NewGuid();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        usage.Record(token, now);
        usage.Record(token, now.AddSeconds(-2)); // warm both paths: the skip, and the in-place update
        usage.Record(token, now.AddSeconds(2));
        now = now.AddSeconds(2);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) usage.Record(token, now.AddMilliseconds(i * 7));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
