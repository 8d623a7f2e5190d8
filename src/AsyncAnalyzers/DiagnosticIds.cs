namespace AsyncAnalyzers
{
    /// <summary>Rule identifiers. They are a public contract (see rules/README.md): never renumber.</summary>
    public static class DiagnosticIds
    {
        public const string BlockingSleep = "ASYNC101";
        public const string BlockOnTask = "ASYNC102";
        public const string AsyncCounterpart = "ASYNC103";
        public const string SyncOverAsync = "ASYNC104";
        public const string LockAcrossAwait = "ASYNC105";
    }
}
