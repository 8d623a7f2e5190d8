namespace AsyncAnalyzers
{
    /// <summary>Rule identifiers. They are a public contract (see rules/README.md): never renumber.</summary>
    public static class DiagnosticIds
    {
        public const string InvalidConfiguration = "ASYNC001";
        public const string BlockingSleep = "ASYNC101";
        public const string BlockOnTask = "ASYNC102";
        public const string AsyncCounterpart = "ASYNC103";
        public const string SyncOverAsync = "ASYNC104";
        public const string LockAcrossAwait = "ASYNC105";
        public const string BlockingIterator = "ASYNC106";
        public const string UnobservedTask = "ASYNC201";
        public const string StoredTaskNeverAwaited = "ASYNC202";
        public const string AsyncVoidMethod = "ASYNC203";
        public const string AsyncVoidLambda = "ASYNC204";
        public const string NestedTask = "ASYNC205";
        public const string LazyTaskSequence = "ASYNC206";
        public const string TaskEscapesDisposal = "ASYNC207";
        public const string AsyncIteratorWithoutCancellation = "ASYNC301";
        public const string ForwardCancellationToken = "ASYNC302";
        public const string ObserveCancellationInLoop = "ASYNC303";
        public const string DoNotSwallowCancellation = "ASYNC304";
        public const string AwaitUsing = "ASYNC401";
        public const string DisposeAsyncEnumerator = "ASYNC402";
        public const string ReuseHttpClient = "ASYNC403";
        public const string NullTask = "ASYNC501";
        public const string AsyncWithoutAwait = "ASYNC502";
        public const string NullConditionalAwait = "ASYNC503";
        public const string RunContinuationsAsynchronously = "ASYNC504";
        public const string CancellableTimeout = "ASYNC505";
        public const string SequentialAwaits = "ASYNC506";
        public const string BoundFanOut = "ASYNC507";
        public const string ConfigureAwait = "ASYNC601";
        public const string AsyncSuffix = "ASYNC602";
        public const string ConsumeValueTaskOnce = "ASYNC603";
        public const string ReturnTaskDirectly = "ASYNC604";
        public const string ValidateBeforeAwait = "ASYNC605";
        public const string TokenLast = "ASYNC606";
    }
}
