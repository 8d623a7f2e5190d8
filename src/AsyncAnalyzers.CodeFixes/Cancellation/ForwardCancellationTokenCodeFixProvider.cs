using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>ASYNC302 fix: pass the in-scope token (named when needed), or append <c>.WithCancellation(token)</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForwardCancellationTokenCodeFixProvider)), Shared]
    public sealed class ForwardCancellationTokenCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForwardCancellationToken);

        protected override string EquivalenceKey => nameof(ForwardCancellationTokenCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Forward the cancellation token";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.ShapeProperty)
               && DiagnosticSyntax.Find<ExpressionSyntax>(root, diagnostic) is { } node
               && (!IsArgumentShape(diagnostic) || node is InvocationExpressionSyntax)
               && (!diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.WrapParamsProperty) || CanWrapParams(model, (InvocationExpressionSyntax)node, cancellationToken))
               && InScopeToken.TryRead(diagnostic.Properties, out _, out _);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.Find<ExpressionSyntax>(editor.OriginalRoot, diagnostic) is not { } node
                    || TokenForwarding.CreateTokenExpression(diagnostic) is not { } token)
                {
                    continue;
                }

                if (IsArgumentShape(diagnostic))
                {
                    diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.ParameterNameProperty, out var parameterName);
                    var named = diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.NamedProperty);
                    var arrayType = diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.WrapParamsProperty)
                        ? ParamsArrayType(editor.SemanticModel, (InvocationExpressionSyntax)node, cancellationToken)
                        : null;
                    var paramsIndex = arrayType is null ? -1 : ParamsIndex(editor.SemanticModel, (InvocationExpressionSyntax)node, cancellationToken);
                    editor.ReplaceNode(node, (current, _) => current is InvocationExpressionSyntax invocation
                        ? TokenForwarding.AppendToken(arrayType is null ? invocation : TokenForwarding.WrapParams(invocation, paramsIndex, arrayType), token, parameterName, named)
                        : current);
                }
                else
                {
                    editor.ReplaceNode(node, (current, _) => TokenForwarding.WithCancellation((ExpressionSyntax)current, token));
                }
            }
        }

        /// <summary>The params parameter's array type as the file would write it (<c>object[]</c>), for <c>new object[] { … }</c>.</summary>
        private static ArrayTypeSyntax? ParamsArrayType(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
            => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: > 0 } method
               && method.Parameters[method.Parameters.Length - 1] is { IsParams: true, Type: IArrayTypeSymbol array }
               && SyntaxFactory.ParseTypeName(array.ToMinimalDisplayString(model, invocation.SpanStart)) is ArrayTypeSyntax syntax
                ? syntax
                : null;

        /// <summary>Positional arguments only (a named one could sit anywhere), and a params type the file can write.</summary>
        private static bool CanWrapParams(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.NameColon != null)
                {
                    return false;
                }
            }

            return ParamsArrayType(model, invocation, cancellationToken) != null;
        }

        private static int ParamsIndex(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
            => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method ? method.Parameters.Length - 1 : -1;

        private static bool IsArgumentShape(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.ShapeProperty, out var shape) && shape == "Argument";

    }
}
