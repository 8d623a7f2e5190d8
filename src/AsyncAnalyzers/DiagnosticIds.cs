namespace AsyncAnalyzers
{
    /// <summary>Rule identifiers. They are a public contract (see rules/README.md): never renumber.</summary>
    public static class DiagnosticIds
    {
        public const string BlockingSleep = "ASYNC101";
    }
}
