namespace FedChain.Learning.Kernels;

/// <summary>
/// A tiny allocation-free fork/join pool. Training calls it thousands of times per second with jobs
/// of tens of microseconds, where Parallel.For's allocations and task scheduling cost as much as the
/// work. Parts are claimed dynamically, the caller included, so a helper thread that the OS has not
/// scheduled (the cores are shared) delays nothing: the caller simply runs the remaining parts.
/// Parts write disjoint outputs, so results never depend on which thread ran which part.
/// Set FEDCHAIN_LEARNING_THREADS to cap the threads used (1 = the caller only).
/// </summary>
internal static unsafe class WorkerPool
{
    private static readonly int HelperCount = Math.Max(0, Math.Min(Environment.ProcessorCount, ThreadsFromEnvironment()) - 1);
    private static readonly Helper[] Helpers = CreateHelpers();
    private static int _busy;
    private static delegate*<void*, int, int, void> _body;
    private static void* _state;
    private static int _parts;
    private static int _done;

    // High 32 bits: job generation; low 32 bits: next part to claim. One word, so a late helper can
    // never claim a part of a job other than the one it was woken for.
    private static long _claim;

    [ThreadStatic]
    private static bool _inside;

    /// <summary>Threads that can run parts at once (the caller included).</summary>
    public static int Parallelism => HelperCount + 1;

    /// <summary>
    /// Runs body(state, part, parts) for every part in [0, parts) and returns when all are done.
    /// Nested or concurrent calls run serially on the caller, which gives the same results.
    /// </summary>
    public static void Run(delegate*<void*, int, int, void> body, void* state, int parts)
    {
        if (parts <= 1 || HelperCount == 0 || _inside || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var p = 0; p < parts; p++)
            {
                body(state, p, parts);
            }

            return;
        }

        _inside = true;
        try
        {
            _body = body;
            _state = state;
            _parts = parts;
            Volatile.Write(ref _done, 0);
            var generation = (int)(Volatile.Read(ref _claim) >> 32) + 1;
            Interlocked.Exchange(ref _claim, (long)generation << 32);
            var helpers = Math.Min(HelperCount, parts - 1);
            for (var h = 0; h < helpers; h++)
            {
                Helpers[h].Wake(generation);
            }

            RunParts(generation);
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) != parts)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
        finally
        {
            _inside = false;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunParts(int generation)
    {
        while (true)
        {
            var word = Volatile.Read(ref _claim);
            var part = (int)word;
            if ((int)(word >> 32) != generation || part >= _parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _claim, word + 1, word) == word)
            {
                _body(_state, part, _parts);
                Interlocked.Increment(ref _done);
            }
        }
    }

    private static int ThreadsFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("FEDCHAIN_LEARNING_THREADS"), out var n) && n > 0 ? n : int.MaxValue;

    private static Helper[] CreateHelpers()
    {
        var helpers = new Helper[HelperCount];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = new Helper(i + 1);
        }

        return helpers;
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _wake = new(false);
        private int _generation;
        private int _sleeping;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"FedChain.Learning worker {index}" };
            thread.Start();
        }

        public void Wake(int generation)
        {
            Interlocked.Exchange(ref _generation, generation);
            if (Volatile.Read(ref _sleeping) == 1)
            {
                _wake.Set();
            }
        }

        private void Loop()
        {
            _inside = true;
            var seen = 0;
            while (true)
            {
                WaitForWork(seen);
                seen = Volatile.Read(ref _generation);
                RunParts(seen);
            }
        }

        private void WaitForWork(int seen)
        {
            // Spin up to 1 ms: the next parallel product of a training step usually follows within that
            // (pooling and activations run between them), and waking a sleeping thread costs far more.
            // SpinWait yields the core now and then, so a spinning helper never starves the caller it
            // waits for when the OS has put both on one core (a loaded shared machine).
            var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency / 1000);
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
                {
                    _wake.Reset();
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _generation) == seen)
                    {
                        _wake.Wait();
                    }

                    Interlocked.Exchange(ref _sleeping, 0);
                    continue;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
