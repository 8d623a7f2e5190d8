using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>Every diagnostic descriptor of the package, built by one factory.</summary>
    public static class Descriptors
    {
        /// <summary>Where the rule pages live; each descriptor links to <c>{HelpLinkBase}{ID}.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/AsyncAnalyzers/AsyncAnalyzers/blob/main/rules/";

        public static readonly DiagnosticDescriptor InvalidConfiguration = Create(
            DiagnosticIds.InvalidConfiguration,
            title: "Invalid AsyncAnalyzers configuration",
            messageFormat: "'{0}' = '{1}' is ignored: {2}",
            DiagnosticCategories.Configuration,
            DiagnosticSeverity.Warning,
            description: "An async_analyzers.* option, a line of AsyncAnalyzers.Twins.txt or a line of AsyncAnalyzers.baseline.txt could not be " +
                         "read. The rules behave as if it were absent, which is rarely what its author meant.",
            customTags: WellKnownDiagnosticTags.CompilationEnd);

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

        public static readonly DiagnosticDescriptor SyncOverAsyncInTopLevelStatements = Create(
            DiagnosticIds.SyncOverAsync,
            title: "Avoid sync-over-async",
            messageFormat: "'{0}' blocks in top-level statements; await the task instead (top-level statements can await)",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Info,
            description: "Top-level statements become an async entry point as soon as they contain an await, so they never need to block on a task.");

        public static readonly DiagnosticDescriptor BlockingIterator = Create(
            DiagnosticIds.BlockingIterator,
            title: "Make a blocking iterator an async iterator",
            messageFormat: "Iterator '{0}' blocks on '{1}' for its items; make it an async iterator ('async IAsyncEnumerable<T>') and await the async counterpart",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Info,
            description: "A synchronous iterator that performs I/O per item blocks whichever thread enumerates it, including the threads of " +
                         "async callers. An async iterator awaits the I/O and lets 'await foreach' consumers stay asynchronous and cancellable.");

        public static readonly DiagnosticDescriptor AsyncVoidCallback = Create(
            DiagnosticIds.AsyncVoidMethod,
            title: "Avoid async void methods",
            messageFormat: "'{0}' is an 'async void' callback: an exception it throws crashes the process; guard the whole body with try/catch",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "An async void method used only as a void callback (a timer, a SendOrPostCallback) must stay void; with its whole body " +
                         "inside a try/catch that handles every exception it is the correct shape, without one an exception crashes the process.");

        public static readonly DiagnosticDescriptor LockAcrossAwait = Create(
            DiagnosticIds.LockAcrossAwait,
            title: "Do not hold a thread-bound lock across await",
            messageFormat: "'{0}' takes a thread-bound lock that is released after an 'await'; the continuation may run on another thread",
            DiagnosticCategories.Blocking,
            DiagnosticSeverity.Warning,
            description: "Monitor, Mutex, SpinLock, ReaderWriterLockSlim and Lock are owned by the thread that took them. After an " +
                         "await the method may resume on another thread, which then fails to release the lock (or releases a lock it " +
                         "does not own), and the lock is held while the method is suspended. Use SemaphoreSlim.WaitAsync with try/finally.");

        public static readonly DiagnosticDescriptor UnobservedTask = Create(
            DiagnosticIds.UnobservedTask,
            title: "Observe the task",
            messageFormat: "The task returned by '{0}' is dropped: its exceptions are lost and nothing waits for it; await it or discard it explicitly with '_ ='",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "A task used as a statement is fire-and-forget by accident: failures go unobserved and the caller continues " +
                         "before the work is done. Await it, or make the fire-and-forget explicit.");

        public static readonly DiagnosticDescriptor StoredTaskNeverAwaited = Create(
            DiagnosticIds.StoredTaskNeverAwaited,
            title: "Task stored but never awaited",
            messageFormat: "The task stored in '{0}' is never awaited, returned, passed or observed",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "A task kept in a local that nothing reads is as unobserved as a dropped one: exceptions are lost and the " +
                         "method ends before the work does.");

        public static readonly DiagnosticDescriptor AsyncVoidMethod = Create(
            DiagnosticIds.AsyncVoidMethod,
            title: "Avoid async void methods",
            messageFormat: "'{0}' is 'async void': callers cannot await it and its exceptions crash the process; return 'Task'",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "An async void method cannot be awaited, its completion cannot be observed, and an exception it throws is " +
                         "raised on the synchronization context (crashing the process by default). Only event handlers need async void.");

        public static readonly DiagnosticDescriptor AsyncVoidLambda = Create(
            DiagnosticIds.AsyncVoidLambda,
            title: "Do not pass an async lambda as a void-returning delegate",
            messageFormat: "This async {0} becomes an 'async void' delegate of type '{1}': nothing awaits it and its exceptions crash the process",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "An async lambda converted to Action, ThreadStart, TimerCallback or another void-returning delegate is async void: " +
                         "the caller (List.ForEach, Parallel.ForEach, a timer) returns at the first await and exceptions are unobservable.");

        public static readonly DiagnosticDescriptor NestedTask = Create(
            DiagnosticIds.NestedTask,
            title: "Unwrap nested tasks",
            messageFormat: "'{0}' returns '{1}' because its delegate returns a task: awaiting it waits only until the delegate returns that task, not until the task finishes",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "Task.Factory.StartNew and ContinueWith do not understand delegates that return tasks (async lambdas or not): they " +
                         "return a Task<Task> whose outer task completes when the delegate returns its task. Use Task.Run, or Unwrap().");

        public static readonly DiagnosticDescriptor LazyTaskSequence = Create(
            DiagnosticIds.LazyTaskSequence,
            title: "Materialise tasks before awaiting them",
            messageFormat: "'{0}' is a lazy sequence of tasks {1}; each enumeration starts the operations again — materialise it with ToArray()",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "A deferred LINQ query that produces tasks starts new operations every time it is enumerated, so awaiting it and " +
                         "then reading it again runs everything twice, and a query that is never enumerated starts nothing.");

        public static readonly DiagnosticDescriptor TaskEscapesDisposal = Create(
            DiagnosticIds.TaskEscapesDisposal,
            title: "Await before the resource is disposed",
            messageFormat: "The task is returned without 'await' from inside {0}: the resource is disposed (or the handler left) before the task completes",
            DiagnosticCategories.Unobserved,
            DiagnosticSeverity.Warning,
            description: "Returning a task un-awaited from inside a using block or a try with catch/finally leaves the block at once: the " +
                         "resource is disposed while the operation still uses it, and its exceptions bypass the catch. Make the method async and return await.");

        public static readonly DiagnosticDescriptor AsyncIteratorWithoutCancellation = Create(
            DiagnosticIds.AsyncIteratorWithoutCancellation,
            title: "Async iterators should accept cancellation",
            messageFormat: "Async iterator '{0}' has no CancellationToken parameter: a consumer's WithCancellation(token) cannot stop it",
            DiagnosticCategories.Cancellation,
            DiagnosticSeverity.Warning,
            description: "An async iterator without an [EnumeratorCancellation] CancellationToken parameter keeps producing (and holding " +
                         "connections) after the consumer has given up; WithCancellation has nothing to flow into.");

        public static readonly DiagnosticDescriptor ForwardCancellationToken = Create(
            DiagnosticIds.ForwardCancellationToken,
            title: "Forward the cancellation token",
            messageFormat: "'{0}' accepts a CancellationToken; forward '{1}'",
            DiagnosticCategories.Cancellation,
            DiagnosticSeverity.Warning,
            description: "A call that accepts a CancellationToken but is not given the one in scope cannot be cancelled: the operation " +
                         "keeps running after the caller has been cancelled.");

        /// <summary>ASYNC302 when two token parameters are in scope: no fix, the message names both.</summary>
        public static readonly DiagnosticDescriptor ForwardCancellationTokenAmbiguous = Create(
            DiagnosticIds.ForwardCancellationToken,
            title: "Forward the cancellation token",
            messageFormat: "'{0}' accepts a CancellationToken, and both '{1}' and '{2}' are in scope; pass the right one explicitly",
            DiagnosticCategories.Cancellation,
            DiagnosticSeverity.Warning,
            description: "A call that accepts a CancellationToken should receive one; with two tokens in scope only the author knows which.");

        public static readonly DiagnosticDescriptor ObserveCancellationInLoop = Create(
            DiagnosticIds.ObserveCancellationInLoop,
            title: "Observe cancellation in loops",
            messageFormat: "This loop awaits but never receives or checks '{0}': once started it cannot be cancelled",
            DiagnosticCategories.Cancellation,
            DiagnosticSeverity.Info,
            description: "A loop in async code that has a CancellationToken but neither passes it on nor checks it runs to the end " +
                         "after cancellation has been requested.");

        public static readonly DiagnosticDescriptor DoNotSwallowCancellation = Create(
            DiagnosticIds.DoNotSwallowCancellation,
            title: "Do not swallow cancellation",
            messageFormat: "This catch also catches the OperationCanceledException of '{0}': the caller asked to stop and the method carries on",
            DiagnosticCategories.Cancellation,
            DiagnosticSeverity.Warning,
            description: "catch (Exception) or a bare catch around code that received the caller's CancellationToken catches its " +
                         "OperationCanceledException too: the caller asked to stop, and the method carries on as if the operation had failed.");

        public static readonly DiagnosticDescriptor AwaitUsing = Create(
            DiagnosticIds.AwaitUsing,
            title: "Use await using for async-disposable resources",
            messageFormat: "'{0}' is IAsyncDisposable but disposed synchronously in async code; use 'await using'",
            DiagnosticCategories.Resources,
            DiagnosticSeverity.Warning,
            description: "A synchronous 'using' calls Dispose, which for an async-disposable resource (a stream or writer that flushes, a " +
                         "database reader that drains its results, an async service scope) blocks the thread on I/O or, for some types, " +
                         "throws. 'await using' calls DisposeAsync.");

        /// <summary>ASYNC401 on an explicit <c>x.Dispose()</c> call.</summary>
        public static readonly DiagnosticDescriptor AwaitUsingDispose = Create(
            DiagnosticIds.AwaitUsing,
            title: "Use await using for async-disposable resources",
            messageFormat: "'{0}' is IAsyncDisposable but 'Dispose()' is called in async code; use 'await {1}.DisposeAsync()'",
            DiagnosticCategories.Resources,
            DiagnosticSeverity.Warning,
            description: "Dispose on an async-disposable resource blocks the thread for the cleanup DisposeAsync would await.");

        public static readonly DiagnosticDescriptor DisposeAsyncEnumerator = Create(
            DiagnosticIds.DisposeAsyncEnumerator,
            title: "Dispose async enumerators",
            messageFormat: "The enumerator from 'GetAsyncEnumerator' is never disposed; use 'await using' or call 'DisposeAsync' in a finally block",
            DiagnosticCategories.Resources,
            DiagnosticSeverity.Warning,
            description: "An async enumerator holds what the sequence opened (a connection, a file, the finally blocks of an async iterator); " +
                         "'await foreach' disposes it, a hand-written loop over GetAsyncEnumerator must do it itself.");

        public static readonly DiagnosticDescriptor ReuseHttpClient = Create(
            DiagnosticIds.ReuseHttpClient,
            title: "Reuse HttpClient",
            messageFormat: "A new HttpClient per call exhausts sockets and ignores DNS changes; reuse one (a static or singleton instance, or IHttpClientFactory.CreateClient)",
            DiagnosticCategories.Resources,
            DiagnosticSeverity.Warning,
            description: "Each HttpClient owns a connection pool: creating and disposing one per call leaves sockets in TIME_WAIT until the " +
                         "machine runs out of them. Create one for the application (with PooledConnectionLifetime) or let IHttpClientFactory manage handlers.");

        public static readonly DiagnosticDescriptor NullTask = Create(
            DiagnosticIds.NullTask,
            title: "Do not return null from a Task-returning method",
            messageFormat: "'{0}' can return a null '{1}': a caller's 'await' throws NullReferenceException; return a completed task instead",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            description: "A method that is not async and returns Task or Task<T> hands its callers the task itself; null is not a task, and " +
                         "awaiting it throws. Return Task.CompletedTask or Task.FromResult(…).");

        public static readonly DiagnosticDescriptor AsyncWithoutAwait = Create(
            DiagnosticIds.AsyncWithoutAwait,
            title: "Async method has no await",
            messageFormat: "'{0}' is async but never awaits: it runs synchronously and pays for a state machine; remove 'async' and return a completed task",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "An async method, local function or lambda without await runs to completion on the caller's thread and only wraps " +
                         "its result (or exception) in a task. Without 'async' it can return Task.FromResult / Task.CompletedTask directly; " +
                         "the fix keeps exceptions on the returned task where the body can throw.");

        public static readonly DiagnosticDescriptor NullConditionalAwait = Create(
            DiagnosticIds.NullConditionalAwait,
            title: "Avoid null-conditional await",
            messageFormat: "'{0}' is null when '{1}' is null, and awaiting null throws NullReferenceException; await '(… ?? Task.CompletedTask)' instead",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            description: "The ?. operator protects the call, not the await: when the receiver is null the expression is a null task, and " +
                         "'await null' throws. Coalesce the task with a completed one.");

        public static readonly DiagnosticDescriptor RunContinuationsAsynchronously = Create(
            DiagnosticIds.RunContinuationsAsynchronously,
            title: "Run continuations asynchronously",
            messageFormat: "'{0}' runs its awaiters' continuations inline on the thread that completes it; pass TaskCreationOptions.RunContinuationsAsynchronously",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "By default the code awaiting a TaskCompletionSource's task runs synchronously inside SetResult/SetException, on the " +
                         "completing thread and under whatever locks it holds: deadlocks, stack dives and stalls of the completing thread.");

        public static readonly DiagnosticDescriptor CancellableTimeout = Create(
            DiagnosticIds.CancellableTimeout,
            title: "Prefer a cancellable timeout",
            messageFormat: "The timeout stops the wait, not the work: '{0}' accepts a CancellationToken but gets none and keeps running; cancel it when the timeout expires",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "Task.WhenAny(op, Task.Delay(t)) and op.WaitAsync(t) return when the time is up, but the operation itself goes on " +
                         "(holding its connection, its lock, its memory) and its result or exception is lost. Pass it a token from a " +
                         "CancellationTokenSource that CancelAfter(t) cancels, linked to the caller's token.");

        public static readonly DiagnosticDescriptor SequentialAwaits = Create(
            DiagnosticIds.SequentialAwaits,
            title: "Consider awaiting independent calls together",
            messageFormat: "Each iteration awaits '{0}' before the next one starts, though no iteration uses another's result; run them concurrently, with a bound",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "A foreach whose only work is one awaited call per item takes the sum of the calls' latencies instead of roughly the " +
                         "longest. When the calls are independent and the callee tolerates concurrency, run them together with a bounded " +
                         "degree of parallelism. Off by default: order and load on the callee matter, and only the author knows whether they do.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor BoundFanOut = Create(
            DiagnosticIds.BoundFanOut,
            title: "Bound concurrent fan-out",
            messageFormat: "'Task.WhenAll' starts one operation per item of '{0}' at once, with no limit; bound the concurrency (Parallel.ForEachAsync with MaxDegreeOfParallelism, or a SemaphoreSlim)",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "Task.WhenAll(items.Select(async …)) starts every operation immediately: with ten thousand items that is ten " +
                         "thousand concurrent requests, connections or file handles. Limit how many run at once.");

        public static readonly DiagnosticDescriptor ConfigureAwait = Create(
            DiagnosticIds.ConfigureAwait,
            title: "Use ConfigureAwait(false) in library code",
            messageFormat: "{0} resumes on the caller's synchronization context; library code should not need it: add ConfigureAwait(false)",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            description: "Library code awaited from a UI thread or a classic ASP.NET request resumes on that thread by default: slower, and a " +
                         "deadlock when the caller blocks on the task. ConfigureAwait(false) resumes anywhere. Which projects need it is set " +
                         "by async_analyzers.configure_await (library, always, never); the rule ships disabled.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor AsyncSuffix = Create(
            DiagnosticIds.AsyncSuffix,
            title: "Name async methods with the Async suffix",
            messageFormat: "{0}",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "The Async suffix tells a reader at the call that the result must be awaited, and lets a synchronous and an " +
                         "asynchronous version sit side by side. A method returning a task, a ValueTask or an async stream should carry it; " +
                         "a synchronous method should not. Names fixed by a contract (overrides, interface implementations, Main, test " +
                         "methods, controller actions, handlers) are exempt. Off by default: renaming public API is a breaking change.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor ConsumeValueTaskOnce = Create(
            DiagnosticIds.ConsumeValueTaskOnce,
            title: "Consume a ValueTask once",
            messageFormat: "ValueTask '{0}' {1}",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            description: "A ValueTask may be backed by a pooled IValueTaskSource that is reused as soon as it is consumed once: a second " +
                         "await, AsTask, Result or GetAwaiter().GetResult() may read another operation's result or throw. A ValueTask kept " +
                         "while something else is awaited is never consumed at all when that await throws. Await it once, or store " +
                         "'.AsTask()' when the value is needed more than once or later.");

        public static readonly DiagnosticDescriptor ReturnTaskDirectly = Create(
            DiagnosticIds.ReturnTaskDirectly,
            title: "Return the task directly",
            messageFormat: "'{0}' only awaits its last call; return that task instead of awaiting it (no state machine)",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "An async method whose only await is its final 'return await x' can return x itself and skip the state machine. " +
                         "The trade-off: exceptions thrown before that call leave synchronously instead of on the task, and the method " +
                         "disappears from async stack traces. Opinions differ, so the rule ships disabled.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor ValidateBeforeAwait = Create(
            DiagnosticIds.ValidateBeforeAwait,
            title: "Validate arguments before the first await",
            messageFormat: "'{0}' checks its arguments inside {1}: the exception {2}, not at the call; validate in a non-async method that calls an async local function",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "An async method puts every exception on the task it returns, and an async iterator throws only when enumerated. " +
                         "An argument check there fails wherever the task is awaited — maybe much later, maybe never — instead of at " +
                         "the faulty call. Check in a non-async wrapper and run the rest in an async local function.");

        public static readonly DiagnosticDescriptor TokenLast = Create(
            DiagnosticIds.TokenLast,
            title: "Put the CancellationToken parameter last",
            messageFormat: "'{0}' takes its CancellationToken '{1}' before '{2}': put the token last",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            description: "By .NET convention a CancellationToken is the last parameter (before params arrays and out parameters), so " +
                         "callers find it in the same place on every API and can leave it to its default. The fix moves it and updates " +
                         "every call in the solution.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            bool isEnabledByDefault = true,
            params string[] customTags)
        {
#pragma warning disable RS0030 // The one place descriptors are built.
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags);
#pragma warning restore RS0030
        }
    }
}
