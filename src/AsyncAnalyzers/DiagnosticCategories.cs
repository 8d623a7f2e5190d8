namespace AsyncAnalyzers
{
    /// <summary>One category per rule family (the hundreds digit of the ID); a new family adds its own here.</summary>
    internal static class DiagnosticCategories
    {
        public const string Configuration = "Configuration";
        public const string Blocking = "Blocking";
        public const string Unobserved = "Unobserved";
        public const string Cancellation = "Cancellation";
        public const string Resources = "Resources";
        public const string Design = "Design";
    }
}
