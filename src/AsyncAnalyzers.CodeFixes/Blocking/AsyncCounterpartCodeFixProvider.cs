using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>ASYNC103 fix: <c>x.M(args)</c> → <c>await x.MAsync(args[, token])</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncCounterpartCodeFixProvider)), Shared]
    public sealed class AsyncCounterpartCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncCounterpart);

        protected override string EquivalenceKey => nameof(AsyncCounterpartCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic)
            => "Use 'await " + (diagnostic.Properties.TryGetValue(AsyncCounterpartAnalyzer.TwinNameProperty, out var name) ? name : "…Async") + "'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(AsyncCounterpartAnalyzer.FixableProperty)
               && diagnostic.Properties.ContainsKey(AsyncCounterpartAnalyzer.TwinNameProperty)
               && DiagnosticSyntax.FindInvocation(root, diagnostic) is { } invocation
               && invocation.Expression is MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax
               && AwaitInsertion.CanAwaitAt(invocation);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.FindInvocation(editor.OriginalRoot, diagnostic) is not { } invocation
                    || !diagnostic.Properties.TryGetValue(AsyncCounterpartAnalyzer.TwinNameProperty, out var twinName) || twinName is null)
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(AsyncCounterpartAnalyzer.TokenShapeProperty, out var shapeText);
                diagnostic.Properties.TryGetValue(AsyncCounterpartAnalyzer.TokenParameterProperty, out var tokenParameter);
                var shape = shapeText switch
                {
                    nameof(TwinTokenShape.Optional) => TwinTokenShape.Optional,
                    nameof(TwinTokenShape.Required) => TwinTokenShape.Required,
                    _ => TwinTokenShape.None,
                };

                ExpressionSyntax? token = null;
                if (shape != TwinTokenShape.None)
                {
                    token = TokenForwarding.CreateTokenExpression(diagnostic);
                    if (token is null && shape == TwinTokenShape.Required && KnownSymbols.Get(editor.SemanticModel.Compilation).CancellationToken is { } tokenType)
                    {
                        token = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(tokenType, invocation.SpanStart), SyntaxFactory.IdentifierName("None"));
                    }
                }

                var parenthesize = AwaitInsertion.NeedsParentheses(invocation);
                var usesNamedArguments = NeedsNamedToken(editor.SemanticModel, invocation, cancellationToken);
                editor.ReplaceNode(invocation, (current, _) =>
                {
                    if (current is not InvocationExpressionSyntax call)
                    {
                        return current;
                    }

                    var renamed = call.WithExpression(Rename(call.Expression, twinName)).WithArgumentList(WithoutInModifiers(call.ArgumentList));
                    if (token != null)
                    {
                        var argument = SyntaxFactory.Argument(token);
                        if (usesNamedArguments && tokenParameter != null)
                        {
                            argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(TokenForwarding.EscapeIdentifier(tokenParameter))));
                        }

                        renamed = renamed.WithArgumentList(AwaitInsertion.AppendArgument(renamed.ArgumentList, argument));
                    }

                    ExpressionSyntax awaited = AwaitInsertion.Await(renamed.WithoutTrivia());
                    if (parenthesize)
                    {
                        awaited = SyntaxFactory.ParenthesizedExpression(awaited);
                    }

                    return awaited.WithTriviaFrom(call);
                });
            }
        }

        /// <summary>Async twins take by value what the synchronous method took as <c>in</c>: <c>M(in x)</c> → <c>MAsync(x)</c>.</summary>
        private static ArgumentListSyntax WithoutInModifiers(ArgumentListSyntax list)
        {
            var arguments = list.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                if (argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword))
                {
                    var leading = argument.RefKindKeyword.LeadingTrivia;
                    arguments = arguments.Replace(argument, argument.WithRefKindKeyword(default).WithExpression(argument.Expression.WithLeadingTrivia(leading)));
                }
            }

            return list.WithArguments(arguments);
        }

        private static ExpressionSyntax Rename(ExpressionSyntax expression, string name)
            => expression switch
            {
                MemberAccessExpressionSyntax access => access.WithName(RenameSimple(access.Name, name)),
                SimpleNameSyntax simple => RenameSimple(simple, name),
                _ => expression,
            };

        private static SimpleNameSyntax RenameSimple(SimpleNameSyntax simple, string name)
            => simple switch
            {
                GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(generic.Identifier)),
                _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(name).WithTriviaFrom(simple.GetFirstToken())),
            };

        /// <summary>A named token argument is needed after named arguments or when the call binds a params array.</summary>
        private static bool NeedsNamedToken(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.NameColon != null)
                {
                    return true;
                }
            }

            return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: > 0 } method
                   && method.Parameters[method.Parameters.Length - 1].IsParams;
        }
    }
}
