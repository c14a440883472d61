using System.Runtime.InteropServices;

namespace Coffer.Bench;

/// <summary>POSIX signals to child processes: SIGTERM stops coffer gracefully, SIGINT makes wrk report early.</summary>
public static partial class Signals
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
