using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>ASYNC102 fix: <c>t.Result</c> / <c>t.Wait()</c> / <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>; <c>Task.WaitAll</c> → <c>await Task.WhenAll</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockOnTaskCodeFixProvider)), Shared]
    public sealed class BlockOnTaskCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockOnTask);

        protected override string EquivalenceKey => nameof(BlockOnTaskCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Use 'await'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(BlockOnTaskAnalyzer.FixableProperty)
               && BlockingCallRewriter.FindBlockingExpression(root, diagnostic.Location.SourceSpan) is { } blocking
               && AwaitInsertion.CanAwaitAt(blocking);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (BlockingCallRewriter.FindBlockingExpression(editor.OriginalRoot, diagnostic.Location.SourceSpan) is { } blocking)
                {
                    BlockingCallRewriter.Replace(editor, blocking, diagnostic, cancellationToken);
                }
            }
        }
    }
}
