using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>
    /// Turns a non-async function that returns Task / Task&lt;T&gt; / ValueTask / ValueTask&lt;T&gt; into an async one:
    /// adds <c>async</c> and rewrites every return of the function (not of nested functions):
    /// <c>return X;</c> → <c>return await X;</c> (generic) or <c>await X; return;</c> (non-generic),
    /// <c>return Task.FromResult(v);</c> → <c>return v;</c>, <c>return Task.CompletedTask;</c> → <c>return;</c>
    /// (a final <c>return;</c> of the body is dropped).
    /// </summary>
    public static class MakeAsync
    {
        private enum ReturnKind
        {
            Await,
            Unwrap,
            Complete,
        }

        /// <summary>
        /// The innermost function-like node around <paramref name="node"/>: method, local function, lambda, accessor, constructor,
        /// operator, a top-level statement, or another member (a property arrow, a field initializer) — the last kinds never convert.
        /// </summary>
        public static SyntaxNode? EnclosingFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or GlobalStatementSyntax or MemberDeclarationSyntax)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="function"/> can be converted safely (block body, task return, no ref parameters, no yield, every return awaitable).</summary>
        public static bool CanConvert(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
        {
            if (function is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                || Body(function) is not BlockSyntax body
                || Symbol(model, function, cancellationToken) is not { IsAsync: false } method
                || !IsTaskReturning(method.ReturnType, KnownSymbols.Get(model.Compilation)))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType)
                {
                    return false;
                }
            }

            foreach (var node in OwnNodes(body))
            {
                if (node is YieldStatementSyntax || node is UnsafeStatementSyntax)
                {
                    return false;
                }

                if (node is ReturnStatementSyntax { Expression: not null } ret && !AwaitInsertion.CanAwaitAt(ret))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Registers the conversion of <paramref name="function"/> (original tree) in <paramref name="editor"/>.</summary>
        public static void Convert(DocumentFixEditor editor, SyntaxNode function, CancellationToken cancellationToken)
        {
            var model = editor.SemanticModel;
            var known = KnownSymbols.Get(model.Compilation);
            var method = Symbol(model, function, cancellationToken)!;
            var generic = method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 };
            var body = (BlockSyntax)Body(function)!; // CanConvert admitted block bodies only

            foreach (var statement in OwnNodes(body).OfType<ReturnStatementSyntax>().ToList())
            {
                if (statement.Expression is not { } expression)
                {
                    continue;
                }

                var kind = Classify(model, expression, known, cancellationToken);
                var isLast = statement.Parent == body && body.Statements.LastOrDefault() == statement;
                if (generic)
                {
                    // From the current node: edits inside the returned expression (an await another fix placed there) compose.
                    editor.ReplaceNode(statement, (current, _) =>
                    {
                        if (current is not ReturnStatementSyntax { Expression: { } currentExpression } currentReturn)
                        {
                            return current;
                        }

                        var value = kind == ReturnKind.Unwrap ? UnwrappedValue(currentExpression) : AwaitInsertion.Await(currentExpression.WithoutTrivia());
                        return currentReturn.WithExpression(value.WithTriviaFrom(currentExpression));
                    });
                    continue;
                }

                var statements = new List<StatementSyntax>();
                if (kind != ReturnKind.Complete)
                {
                    statements.Add(SyntaxFactory.ExpressionStatement(AwaitInsertion.Await(expression.WithoutTrivia())));
                }

                if (!isLast)
                {
                    statements.Add(SyntaxFactory.ReturnStatement());
                }

                ReplaceStatement(editor, statement, statements, firstAwaitsTheReturnedValue: kind != ReturnKind.Complete);
            }

            editor.ReplaceNode(function, (current, _) => AddAsyncModifier(current));
        }

        private static void ReplaceStatement(DocumentFixEditor editor, ReturnStatementSyntax statement, List<StatementSyntax> statements, bool firstAwaitsTheReturnedValue)
        {
            if (statements.Count == 0)
            {
                // Comments around the dropped return stay; a line holding nothing else goes with it.
                var onlyLayout = statement.GetLeadingTrivia().All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia))
                                 && statement.GetTrailingTrivia().All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
                editor.RemoveNode(statement, onlyLayout ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepExteriorTrivia);
                return;
            }

            statements[0] = statements[0].WithLeadingTrivia(statement.GetLeadingTrivia());
            statements[statements.Count - 1] = statements[statements.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
            for (var i = 1; i < statements.Count; i++)
            {
                statements[i] = statements[i].WithLeadingTrivia(IndentationOf(statement));
                statements[i - 1] = statements[i - 1].WithTrailingTrivia(statements[i - 1].GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(EndOfLine(statement))));
            }

            // `await X;` is rebuilt from the current return statement, so edits inside X (made by other fixes) compose.
            StatementSyntax First(SyntaxNode current)
                => firstAwaitsTheReturnedValue && current is ReturnStatementSyntax { Expression: { } currentExpression } && statements[0] is ExpressionStatementSyntax awaitStatement
                    ? awaitStatement.WithExpression(AwaitInsertion.Await(currentExpression.WithoutTrivia())).WithTriviaFrom(awaitStatement)
                    : statements[0];

            if (statements.Count == 1)
            {
                editor.ReplaceNode(statement, (current, _) => First(current));
            }
            else if (statement.Parent is BlockSyntax or SwitchSectionSyntax)
            {
                editor.InsertAfter(statement, statements.Skip(1));
                editor.ReplaceNode(statement, (current, _) => First(current));
            }
            else
            {
                editor.ReplaceNode(statement, (current, _) => SyntaxFactory.Block(new[] { First(current) }.Concat(statements.Skip(1)).Select(s => s.WithoutLeadingTrivia()))
                    .WithTrailingTrivia(statement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        private static SyntaxTriviaList IndentationOf(SyntaxNode node)
            => SyntaxFactory.TriviaList(node.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse().Take(1));

        private static string EndOfLine(SyntaxNode node)
        {
            foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        private static ReturnKind Classify(SemanticModel model, ExpressionSyntax expression, KnownSymbols known, CancellationToken cancellationToken)
        {
            var operation = model.GetOperation(expression, cancellationToken);
            if (operation is null)
            {
                return ReturnKind.Await;
            }

            switch (OperationTree.Unwrap(operation))
            {
                case IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method, Arguments.Length: 1 }
                    when (KnownSymbols.Is(method.ContainingType, known.Task) || KnownSymbols.Is(method.ContainingType, known.ValueTask))
                         && expression is InvocationExpressionSyntax:
                    return ReturnKind.Unwrap;
                case IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property }
                    when KnownSymbols.Is(property.ContainingType, known.Task) || KnownSymbols.Is(property.ContainingType, known.ValueTask):
                    return ReturnKind.Complete;
                case IDefaultValueOperation when known.IsValueTask(operation.Type):
                    return ReturnKind.Complete;
            }

            return ReturnKind.Await;
        }

        private static ExpressionSyntax UnwrappedValue(ExpressionSyntax expression)
            => ((InvocationExpressionSyntax)StripParentheses(expression)).ArgumentList.Arguments[0].Expression.WithoutTrivia();

        private static ExpressionSyntax StripParentheses(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>
        /// <c>Task</c> → <c>Task&lt;T&gt;</c>: the generic form of a task type name (simple, qualified or alias-qualified).
        /// </summary>
        public static NameSyntax TaskOf(NameSyntax name, TypeSyntax argument)
        {
            var arguments = SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(argument));
            return name switch
            {
                IdentifierNameSyntax identifier => SyntaxFactory.GenericName(identifier.Identifier, arguments),
                QualifiedNameSyntax qualified when qualified.Right is IdentifierNameSyntax right
                    => qualified.WithRight(SyntaxFactory.GenericName(right.Identifier, arguments)),
                AliasQualifiedNameSyntax alias when alias.Name is IdentifierNameSyntax aliasName
                    => alias.WithName(SyntaxFactory.GenericName(aliasName.Identifier, arguments)),
                _ => name,
            };
        }

        /// <summary>Adds the <c>async</c> modifier to a method, local function or lambda, keeping its leading trivia in front.</summary>
        public static SyntaxNode AddAsyncModifier(SyntaxNode function)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    var partial = method.Modifiers.IndexOf(SyntaxKind.PartialKeyword);
                    if (partial >= 0)
                    {
                        // `partial` must come right before the return type: `private async partial Task M()`.
                        var partialKeyword = method.Modifiers[partial];
                        return method.WithModifiers(method.Modifiers
                            .Replace(partialKeyword, partialKeyword.WithLeadingTrivia())
                            .Insert(partial, asyncKeyword.WithLeadingTrivia(partialKeyword.LeadingTrivia)));
                    }

                    return method.Modifiers.Count == 0
                        ? method.WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())))
                            .WithReturnType(method.ReturnType.WithoutLeadingTrivia())
                        : method.WithModifiers(method.Modifiers.Add(asyncKeyword));
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Count == 0
                        ? local.WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())))
                            .WithReturnType(local.ReturnType.WithoutLeadingTrivia())
                        : local.WithModifiers(local.Modifiers.Add(asyncKeyword));
                case AnonymousFunctionExpressionSyntax lambda:
                    var leading = lambda.GetLeadingTrivia();
                    return lambda.WithoutLeadingTrivia().WithAsyncKeyword(asyncKeyword).WithLeadingTrivia(leading);
            }

            return function;
        }

        /// <summary>The body of a method, local function or lambda: its block, else its expression body; null otherwise.</summary>
        public static SyntaxNode? Body(SyntaxNode function)
            => function switch
            {
                MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                AnonymousFunctionExpressionSyntax lambda => lambda.Body,
                _ => null,
            };

        private static IMethodSymbol? Symbol(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
            => function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;

        private static bool IsTaskReturning(ITypeSymbol type, KnownSymbols known)
            => type is INamedTypeSymbol named
               && (KnownSymbols.Is(named.OriginalDefinition, known.Task) || KnownSymbols.Is(named.OriginalDefinition, known.TaskOfT)
                   || KnownSymbols.Is(named.OriginalDefinition, known.ValueTask) || KnownSymbols.Is(named.OriginalDefinition, known.ValueTaskOfT));

        /// <summary>The nodes of a body that belong to the function itself, not to nested lambdas or local functions.</summary>
        private static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body)
            => body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax);
    }
}
