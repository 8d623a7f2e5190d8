using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC505 fix: before the statement, <c>using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(token);</c>
    /// (or <c>new CancellationTokenSource()</c> when no token is in scope) and <c>timeoutSource.CancelAfter(t);</c>; the operation
    /// gets <c>timeoutSource.Token</c>. The WhenAny / WaitAsync stays, so the code after it behaves as before — except that the
    /// operation is now cancelled when the time is up. Offered when the operation is called right there, the timeout is an
    /// expression that can be evaluated twice (a literal, a name, <c>TimeSpan.FromSeconds(n)</c>…), the statement sits in a
    /// block, and the name <c>timeoutSource</c> is free.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancellableTimeoutCodeFixProvider)), Shared]
    public sealed class CancellableTimeoutCodeFixProvider : DocumentFixProvider
    {
        private const string SourceName = "timeoutSource";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CancellableTimeout);

        protected override string EquivalenceKey => nameof(CancellableTimeoutCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Cancel the operation when the timeout expires";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Analyze(root, diagnostic) is { } parts
               && KnownSymbols.Get(model.Compilation).CancellationTokenSource is not null
               && ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp8
               && IsNameFree(model, parts.Statement, cancellationToken);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var source = KnownSymbols.Get(editor.SemanticModel.Compilation).CancellationTokenSource!;
            foreach (var diagnostic in diagnostics)
            {
                if (Analyze(editor.OriginalRoot, diagnostic) is not { } parts)
                {
                    continue;
                }

                var sourceType = editor.TypeExpression(source, parts.Statement.SpanStart);
                ExpressionSyntax creation = TokenForwarding.CreateTokenExpression(diagnostic) is { } token
                    ? SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, sourceType, SyntaxFactory.IdentifierName("CreateLinkedTokenSource")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(token))))
                    : SyntaxFactory.ObjectCreationExpression(editor.TypeName(source, parts.Statement.SpanStart).WithLeadingTrivia(SyntaxFactory.Space), SyntaxFactory.ArgumentList(), null);

                var leading = parts.Statement.GetLeadingTrivia();
                var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                    ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                    : SyntaxFactory.TriviaList();
                var newLine = SyntaxFactory.TriviaList(LineEnding(parts.Statement));

                var declaration = SyntaxFactory.LocalDeclarationStatement(
                        SyntaxFactory.VariableDeclaration(
                            SyntaxFactory.IdentifierName("var").WithTrailingTrivia(SyntaxFactory.Space),
                            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(SourceName).WithTrailingTrivia(SyntaxFactory.Space))
                                .WithInitializer(SyntaxFactory.EqualsValueClause(SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space), creation)))))
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithLeadingTrivia(leading)
                    .WithTrailingTrivia(newLine);
                var cancelAfter = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(SourceName), SyntaxFactory.IdentifierName("CancelAfter")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(parts.Timeout.WithoutTrivia())))))
                    .WithLeadingTrivia(indentation)
                    .WithTrailingTrivia(newLine);

                diagnostic.Properties.TryGetValue(CancellableTimeoutAnalyzer.TokenParameterProperty, out var parameterName);
                var sourceToken = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(SourceName), SyntaxFactory.IdentifierName("Token"));
                var named = diagnostic.Properties.ContainsKey(CancellableTimeoutAnalyzer.NamedTokenProperty);
                editor.ReplaceNode(parts.Operation, TokenForwarding.AppendToken(parts.Operation, sourceToken, parameterName, named));
                if (parts.Delay is { } delay)
                {
                    editor.ReplaceNode(delay, TokenForwarding.AppendToken(delay, sourceToken, parameterName: null, named: false));
                }
                editor.ReplaceNode(parts.Statement, (current, _) => current.WithLeadingTrivia(indentation));
                editor.InsertBefore(parts.Statement, new SyntaxNode[] { declaration, cancelAfter });
            }
        }

        private sealed class Parts
        {
            public Parts(StatementSyntax statement, InvocationExpressionSyntax operation, ExpressionSyntax timeout, InvocationExpressionSyntax? delay)
            {
                Statement = statement;
                Operation = operation;
                Timeout = timeout;
                Delay = delay;
            }

            /// <summary>The Task.Delay of a WhenAny when it has no token yet: it gets the source's token too.</summary>
            public InvocationExpressionSyntax? Delay { get; }

            public StatementSyntax Statement { get; }

            public InvocationExpressionSyntax Operation { get; }

            public ExpressionSyntax Timeout { get; }
        }

        private static Parts? Analyze(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.ContainsKey(CancellableTimeoutAnalyzer.DirectCallProperty)
                || DiagnosticSyntax.FindInvocation(root, diagnostic) is not { } invocation
                || invocation.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement)
            {
                return null;
            }

            InvocationExpressionSyntax? operation;
            ExpressionSyntax? timeout;
            InvocationExpressionSyntax? delay = null;
            if (diagnostic.Properties.TryGetValue(CancellableTimeoutAnalyzer.DelayIndexProperty, out var index))
            {
                var arguments = invocation.ArgumentList.Arguments;
                if (arguments.Count != 2)
                {
                    return null;
                }

                var delayIndex = index == "0" ? 0 : 1;
                operation = Unparenthesize(arguments[1 - delayIndex].Expression) as InvocationExpressionSyntax;
                var delayCall = Unparenthesize(arguments[delayIndex].Expression) as InvocationExpressionSyntax;
                timeout = delayCall?.ArgumentList.Arguments is { Count: > 0 } delayArguments ? delayArguments[0].Expression : null;
                delay = delayCall?.ArgumentList.Arguments.Count == 1 ? delayCall : null;
            }
            else
            {
                // WaitAsync keeps its TimeoutException only without a token of its own; with the new source in scope and no
                // token of the caller's, ASYNC302 would then ask to pass the source's token to it: not offered there.
                if (!InScopeToken.TryRead(diagnostic.Properties, out _, out _))
                {
                    return null;
                }

                operation = invocation.Expression is MemberAccessExpressionSyntax access ? Unparenthesize(access.Expression) as InvocationExpressionSyntax : null;
                timeout = invocation.ArgumentList.Arguments.Count > 0 ? invocation.ArgumentList.Arguments[0].Expression : null;
            }

            return operation is not null && timeout is not null && CanEvaluateTwice(timeout) ? new Parts(statement, operation, timeout, delay) : null;
        }

        /// <summary>The file's own line ending, as the statement ends.</summary>
        private static SyntaxTrivia LineEnding(StatementSyntax statement)
        {
            foreach (var trivia in statement.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.ElasticEndOfLine("\n");
        }

        private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>Literals, names, member accesses of those, and static factory calls on them (<c>TimeSpan.FromSeconds(5)</c>).</summary>
        private static bool CanEvaluateTwice(ExpressionSyntax expression)
            => expression switch
            {
                LiteralExpressionSyntax => true,
                IdentifierNameSyntax => true,
                ThisExpressionSyntax => true,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus => CanEvaluateTwice(minus.Operand),
                MemberAccessExpressionSyntax access => CanEvaluateTwice(access.Expression),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression or (int)SyntaxKind.AddExpression } binary => CanEvaluateTwice(binary.Left) && CanEvaluateTwice(binary.Right),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TimeSpan" } } } call
                    => call.ArgumentList.Arguments.Count == 1 && CanEvaluateTwice(call.ArgumentList.Arguments[0].Expression),
                ParenthesizedExpressionSyntax parenthesized => CanEvaluateTwice(parenthesized.Expression),
                _ => false,
            };

        /// <summary>No local or parameter named <c>timeoutSource</c> in scope, and none declared anywhere in the function.</summary>
        private static bool IsNameFree(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
        {
            foreach (var symbol in model.LookupSymbols(statement.SpanStart, name: SourceName))
            {
                if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)
                {
                    return false;
                }
            }

            SyntaxNode? function = statement;
            while (function != null && function is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax))
            {
                function = function.Parent;
            }

            foreach (var token in (function ?? statement).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == SourceName)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
