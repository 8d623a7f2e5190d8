using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>Finds the syntax a diagnostic was reported on (the node whose span is exactly the diagnostic's).</summary>
    public static class DiagnosticSyntax
    {
        public static T? Find<T>(SyntaxNode root, Diagnostic diagnostic)
            where T : SyntaxNode
        {
            var span = diagnostic.Location.SourceSpan;
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            for (var current = root.FindNode(span, getInnermostNodeForTie: true); current != null; current = current.Parent)
            {
                if (current is T node && node.Span == span)
                {
                    return node;
                }
            }

            return null;
        }

        public static InvocationExpressionSyntax? FindInvocation(SyntaxNode root, Diagnostic diagnostic)
            => Find<InvocationExpressionSyntax>(root, diagnostic);

        /// <summary>The dropped task of an ASYNC201 diagnostic: the expression of a statement, or of an arrow or lambda body.</summary>
        public static ExpressionSyntax? FindDroppedTask(SyntaxNode root, Diagnostic diagnostic)
            => Find<ExpressionSyntax>(root, diagnostic) is { Parent: ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax } expression
                ? expression
                : null;
    }
}
