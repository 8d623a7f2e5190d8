using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>ASYNC207 fix: make the function async and await its returns (see <see cref="MakeAsync"/>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskEscapesDisposalCodeFixProvider)), Shared]
    public sealed class TaskEscapesDisposalCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TaskEscapesDisposal);

        protected override string EquivalenceKey => nameof(TaskEscapesDisposalCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Make the method async and 'return await'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => MakeAsync.EnclosingFunction(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is { } function
               && MakeAsync.CanConvert(model, function, cancellationToken);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var converted = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (MakeAsync.EnclosingFunction(editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is { } function
                    && converted.Add(function))
                {
                    MakeAsync.Convert(editor, function, cancellationToken);
                }
            }
        }
    }
}
