using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>
    /// Base of the fixes whose edits stay inside one document. A rule implements one method that fixes any
    /// set of its diagnostics in a document; the light bulb calls it with one diagnostic and Fix All
    /// (document, project, solution) with all of them, so imports are added once and nested edits compose.
    /// </summary>
    public abstract class DocumentFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the rule's code action: stable across sessions, never null.</summary>
        protected abstract string EquivalenceKey { get; }

        protected abstract string GetTitle(Diagnostic diagnostic);

        /// <summary>Whether a safe rewrite exists for this diagnostic (else no action is offered).</summary>
        protected abstract bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

        /// <summary>Like <see cref="CanFix"/>, for checks that need the solution (reference searches); by default <see cref="CanFix"/>.</summary>
        protected virtual Task<bool> CanFixAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Task.FromResult(CanFix(root, model, diagnostic, cancellationToken));

        /// <summary>
        /// Rewrites every fixable diagnostic of <paramref name="diagnostics"/> in <paramref name="editor"/>'s
        /// document. Diagnostics that <see cref="CanFix"/> rejects are skipped.
        /// </summary>
        protected abstract void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

        public sealed override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(static (context, document, diagnostics) =>
                ((DocumentFixProvider)context.CodeFixProvider).FixDocumentAsync(document, diagnostics, context.CancellationToken)!);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!await CanFixAsync(document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var single = ImmutableArray.Create(diagnostic);

                // A multi-targeted project: the same file compiles once per framework. A fix that binds on this one but
                // not on another (a token overload netstandard2.0 lacks) would break that build: not offered.
                if (!document.GetLinkedDocumentIds().IsEmpty
                    && !await LinkedFrameworks.AcceptAsync(document, await FixDocumentAsync(document, single, context.CancellationToken).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        GetTitle(diagnostic),
                        ct => FixDocumentAsync(document, single, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        internal async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var builder = ImmutableArray.CreateBuilder<Diagnostic>(diagnostics.Length);
            foreach (var diagnostic in diagnostics)
            {
                if (await CanFixAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false))
                {
                    builder.Add(diagnostic);
                }
            }

            if (builder.Count == 0)
            {
                return document;
            }

            var fixable = builder.ToImmutable();
            var fixedDocument = await FixWithAsync(document, root, model, fixable, cancellationToken).ConfigureAwait(false);
            if (fixable.Length == 1 || document.GetLinkedDocumentIds().IsEmpty
                || await LinkedFrameworks.AcceptAsync(document, fixedDocument, cancellationToken).ConfigureAwait(false))
            {
                return fixedDocument;
            }

            // Fix All in a multi-targeted project broke another framework's build: keep only the fixes that bind everywhere.
            var accepted = ImmutableArray.CreateBuilder<Diagnostic>(fixable.Length);
            foreach (var diagnostic in fixable)
            {
                var alone = await FixWithAsync(document, root, model, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false);
                if (await LinkedFrameworks.AcceptAsync(document, alone, cancellationToken).ConfigureAwait(false))
                {
                    accepted.Add(diagnostic);
                }
            }

            return accepted.Count == 0 ? document : await FixWithAsync(document, root, model, accepted.ToImmutable(), cancellationToken).ConfigureAwait(false);
        }

        private async Task<Document> FixWithAsync(Document document, SyntaxNode root, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = new DocumentFixEditor(document, root, model);
            Fix(editor, diagnostics, cancellationToken);
            return await FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The using directives the edits asked for (<see cref="Simplifier.AddImportsAnnotation"/>), added by Roslyn's
        /// <see cref="ImportAdder"/> as the IDE adds them: placement and order follow the file's options.
        /// </summary>
        internal static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken)
            => ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

        /// <summary>The edited document: edits applied, imports added once, then the simplifier and formatter on what the edits annotated.</summary>
        internal static async Task<Document> FinishAsync(DocumentFixEditor editor, CancellationToken cancellationToken)
        {
            var changed = await AddImportsAsync(editor.Document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
            changed = await ConfigureAwaitConvention.ApplyAsync(changed, cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }
}
