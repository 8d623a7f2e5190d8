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
