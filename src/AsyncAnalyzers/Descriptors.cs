using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>Every diagnostic descriptor of the package, built by one factory.</summary>
    public static class Descriptors
    {
        /// <summary>Where the rule pages live; each descriptor links to <c>{HelpLinkBase}{ID}.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/AsyncAnalyzers/AsyncAnalyzers/blob/main/rules/";

        public static readonly DiagnosticDescriptor BlockingSleep = Create(
            DiagnosticIds.BlockingSleep,
            title: "Do not use blocking sleep in async code",
            messageFormat: "'Thread.Sleep' blocks a thread in async code; use 'await Task.Delay' instead",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "Thread.Sleep parks the thread that runs the async method, so it cannot serve other work, " +
                         "and it ignores cancellation. 'await Task.Delay' waits without holding a thread.");

        public static readonly DiagnosticDescriptor BlockOnTask = Create(
            DiagnosticIds.BlockOnTask,
            title: "Do not block on a task in async code",
            messageFormat: "'{0}' blocks a thread until the task completes; await it instead",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "Wait(), Result, GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny hold the thread of an async method " +
                         "until the task completes: the thread cannot serve other work, and on a single-threaded synchronization " +
                         "context the wait can deadlock. 'await' waits without holding a thread.");

        public static readonly DiagnosticDescriptor AsyncCounterpart = Create(
            DiagnosticIds.AsyncCounterpart,
            title: "Call the async counterpart in async code",
            messageFormat: "'{0}' blocks in async code; await '{1}' instead",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "A synchronous API that has an asynchronous twin blocks the thread of the async method for the whole I/O or " +
                         "wait. Await the twin, forwarding the cancellation token when it accepts one.");

        /// <summary>ASYNC103 for BlockingCollection&lt;T&gt;.Take, which has no async twin: the message points at channels.</summary>
        public static readonly DiagnosticDescriptor AsyncCounterpartChannel = Create(
            DiagnosticIds.AsyncCounterpart,
            title: "Call the async counterpart in async code",
            messageFormat: "'{0}' blocks in async code; use a System.Threading.Channels.Channel<T> and await 'ReadAsync' instead",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "BlockingCollection<T>.Take blocks the thread until an item arrives and has no async twin; " +
                         "Channel<T> is the async producer/consumer queue.");

        public static readonly DiagnosticDescriptor SyncOverAsync = Create(
            DiagnosticIds.SyncOverAsync,
            title: "Avoid sync-over-async",
            messageFormat: "'{0}' blocks a thread on a task in synchronous code (sync-over-async); make the caller async and await it",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Info,
            description: "Blocking on a task from synchronous code ties up a thread for the whole operation, invites thread-pool " +
                         "starvation and deadlocks on single-threaded synchronization contexts. Make the method async and await.");

        /// <summary>ASYNC104 in Main: the message suggests 'async Task Main'.</summary>
        public static readonly DiagnosticDescriptor SyncOverAsyncInMain = Create(
            DiagnosticIds.SyncOverAsync,
            title: "Avoid sync-over-async",
            messageFormat: "'{0}' blocks in 'Main'; declare 'async Task Main' and await the task",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Info,
            description: "Since C# 7.1 the entry point can be 'async Task Main' (or 'async Task<int> Main'), so Main never needs to block on a task.");

        public static readonly DiagnosticDescriptor LockAcrossAwait = Create(
            DiagnosticIds.LockAcrossAwait,
            title: "Do not hold a thread-bound lock across await",
            messageFormat: "'{0}' takes a thread-bound lock that is released after an 'await'; the continuation may run on another thread",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "Monitor, Mutex, SpinLock, ReaderWriterLockSlim and Lock are owned by the thread that took them. After an " +
                         "await the method may resume on another thread, which then fails to release the lock (or releases a lock it " +
                         "does not own), and the lock is held while the method is suspended. Use SemaphoreSlim.WaitAsync with try/finally.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            bool isEnabledByDefault = true)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLinkBase + id + ".md");
        }
    }
}
