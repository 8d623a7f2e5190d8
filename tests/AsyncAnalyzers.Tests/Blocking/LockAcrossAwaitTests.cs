using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.LockAcrossAwaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC105: thread-bound lock held across await (diagnostic only).</summary>
    [Trait("Rule", "ASYNC105")]
    public sealed class LockAcrossAwaitTests
    {
        private static string Wrap(string body) => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new object();
                private readonly Mutex _mutex = new Mutex();
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
                private SpinLock _spin = new SpinLock();

                async Task M()
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string call) => Verify.Diagnostic().WithLocation(marker).WithArguments(call);

        [Fact]
        public Task Monitor_Enter_released_after_await_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        {|#0:Monitor.Enter(_gate)|};
                        await Task.Delay(1);
                        Monitor.Exit(_gate);
                """), At(0, "Monitor.Enter"));

        [Fact]
        public Task Monitor_Enter_with_try_finally_around_await_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var taken = false;
                        try
                        {
                            {|#0:Monitor.Enter(_gate, ref taken)|};
                            await Task.Yield();
                        }
                        finally
                        {
                            if (taken) Monitor.Exit(_gate);
                        }
                """), At(0, "Monitor.Enter"));

        [Fact]
        public Task Mutex_WaitOne_released_after_await_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        {|#0:_mutex.WaitOne()|};
                        try { await Task.Delay(1); }
                        finally { _mutex.ReleaseMutex(); }
                """), At(0, "Mutex.WaitOne"));

        [Fact]
        public Task ReaderWriterLockSlim_write_lock_across_await_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        {|#0:_rw.EnterWriteLock()|};
                        await Task.Yield();
                        _rw.ExitWriteLock();
                """), At(0, "ReaderWriterLockSlim.EnterWriteLock"));

        [Fact]
        public Task SpinLock_across_await_foreach_is_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private SpinLock _spin = new SpinLock();

                    async Task M(IAsyncEnumerable<int> items)
                    {
                        var taken = false;
                        {|#0:_spin.Enter(ref taken)|};
                        await foreach (var item in items) { }
                        _spin.Exit();
                    }
                }
                """,
                At(0, "SpinLock.Enter"));

        [Fact]
        public Task Lock_in_async_lambda_is_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Func<object, Task> f = async o =>
                        {
                            {|#0:Monitor.Enter(o)|};
                            await Task.Yield();
                            Monitor.Exit(o);
                        };
                        await f(_gate);
                """), At(0, "Monitor.Enter"));

        [Fact]
        public Task Lock_released_before_the_first_await_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Monitor.Enter(_gate);
                        try { Console.WriteLine(); }
                        finally { Monitor.Exit(_gate); }
                        await Task.Yield();
                """));

        [Fact]
        public Task Lock_in_sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    private readonly object _gate = new object();

                    void M()
                    {
                        Monitor.Enter(_gate);
                        Monitor.Exit(_gate);
                    }
                }
                """);

        [Fact]
        public Task Different_lock_objects_are_not_matched()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var other = new object();
                        Monitor.Enter(other);
                        Monitor.Exit(other);
                        await Task.Yield();
                        Monitor.Exit(_gate);
                """));

        [Fact]
        public Task Await_inside_a_lambda_between_enter_and_exit_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Monitor.Enter(_gate);
                        Func<Task> later = async () => await Task.Yield();
                        Monitor.Exit(_gate);
                        await later();
                """));

        [Fact]
        public Task Read_lock_released_with_a_different_kind_is_not_matched()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        _rw.EnterReadLock();
                        _rw.ExitReadLock();
                        await Task.Yield();
                        _rw.EnterWriteLock();
                        _rw.ExitWriteLock();
                """));

        [Fact]
        public Task SemaphoreSlim_across_await_is_the_recommended_pattern_and_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var semaphore = new SemaphoreSlim(1, 1);
                        await semaphore.WaitAsync();
                        try { await Task.Yield(); }
                        finally { semaphore.Release(); }
                """));

        [Fact]
        public Task Lock_statement_around_sync_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        lock (_gate) { Console.WriteLine(); }\n        await Task.Yield();"));
    }
}
