using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>
    /// ASYNC304 fix: a clause before the catch-all that lets exactly the caller's cancellation through,
    /// <c>catch (OperationCanceledException) when (token.IsCancellationRequested) { throw; }</c>, with the token the analyzer
    /// found. Every other exception — a timeout's OperationCanceledException included — is still handled as before.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotSwallowCancellationCodeFixProvider)), Shared]
    public sealed class DoNotSwallowCancellationCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DoNotSwallowCancellation);

        protected override string EquivalenceKey => nameof(DoNotSwallowCancellationCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic)
            => $"Rethrow when '{TokenName(diagnostic)}' is canceled";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic) is { Filter: null, Parent: TryStatementSyntax }
               && KnownSymbols.Get(model.Compilation).OperationCanceledException != null
               && !string.IsNullOrEmpty(TokenName(diagnostic));

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            var newLine = editor.OriginalRoot.DescendantTrivia().FirstOrDefaultEndOfLine() ?? "\n";
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { Parent: TryStatementSyntax tryStatement } clause)
                {
                    continue;
                }

                var index = tryStatement.Catches.IndexOf(clause);
                var rethrow = Rethrow(editor.TypeName(known.OperationCanceledException!, clause.SpanStart), TokenName(diagnostic), Indentation(clause), newLine);
                editor.ReplaceNode(tryStatement, (current, _) => current is TryStatementSyntax updated && index <= updated.Catches.Count
                    ? updated.WithCatches(updated.Catches.Insert(index, rethrow))
                    : current);
            }
        }

        /// <summary>The new clause, parsed as the parser shapes it, indented like the catch-all it precedes.</summary>
        private static CatchClauseSyntax Rethrow(NameSyntax canceled, string token, SyntaxTriviaList indentation, string newLine)
        {
            var indent = indentation.ToFullString();
            var step = indent.Contains("\t") ? "\t" : "    ";
            var text = "try { }" + newLine
                       + indent + "catch (" + canceled.ToString() + ") when (" + TokenForwarding.EscapeIdentifier(token) + ".IsCancellationRequested)" + newLine
                       + indent + "{" + newLine
                       + indent + step + "throw;" + newLine
                       + indent + "}" + newLine;
            var parsed = (TryStatementSyntax)SyntaxFactory.ParseStatement(text);
            var clause = parsed.Catches[0];
            return clause.WithDeclaration(clause.Declaration!.WithType(canceled.WithTriviaFrom(clause.Declaration.Type)));
        }

        private static SyntaxTriviaList Indentation(CatchClauseSyntax clause)
        {
            var leading = clause.GetLeadingTrivia();
            var builder = SyntaxFactory.TriviaList();
            for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
            {
                builder = builder.Insert(0, leading[i]);
            }

            return builder;
        }

        private static string TokenName(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(DoNotSwallowCancellationAnalyzer.TokenProperty, out var token) && token != null ? token : string.Empty;

        private static CatchClauseSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as CatchClauseSyntax;
    }

    internal static class TriviaExtensions
    {
        /// <summary>The file's own line break ("\r\n" or "\n"), so inserted lines match it.</summary>
        public static string? FirstOrDefaultEndOfLine(this System.Collections.Generic.IEnumerable<SyntaxTrivia> trivia)
        {
            foreach (var item in trivia)
            {
                if (item.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return item.ToString();
                }
            }

            return null;
        }
    }
}
