using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC506 fix. <c>foreach (var x in items) await F(x);</c> → <c>await Parallel.ForEachAsync(items, new ParallelOptions {
    /// MaxDegreeOfParallelism = N, CancellationToken = token }, async (x, cancellationToken) => await F(x));</c> — bounded,
    /// so the rewrite never becomes ASYNC507's unbounded fan-out. <c>foreach (var x in items) list.Add(await F(x));</c> →
    /// <c>list.AddRange(await Task.WhenAll(items.Select(x => F(x))));</c> (order kept), only over a source whose small size
    /// is written in the code (the one case ASYNC507 accepts unbounded), and only for Task&lt;T&gt;. Not offered for a
    /// foreach whose declared type converts the items, or a source that is not an IEnumerable&lt;T&gt;.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SequentialAwaitsCodeFixProvider)), Shared]
    public sealed class SequentialAwaitsCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SequentialAwaits);

        protected override string EquivalenceKey => nameof(SequentialAwaitsCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic)
            => IsCollect(diagnostic) ? "Await the calls together with Task.WhenAll" : "Run the calls with Parallel.ForEachAsync";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (Find(root, diagnostic) is not { } loop || !YieldsItsOwnElements(model, loop, cancellationToken))
            {
                return false;
            }

            var known = KnownSymbols.Get(model.Compilation);
            if (!IsCollect(diagnostic))
            {
                return ParallelForEachSyntax.IsAvailable(known) && AwaitOf(loop) is { } body && ParallelForEachSyntax.TokenParameterName(model, loop, body) is not null;
            }

            return diagnostic.Properties.ContainsKey(SequentialAwaitsAnalyzer.SmallSourceProperty)
                   && known.Enumerable is not null && known.Task is not null
                   && CollectParts(loop) is { } parts
                   && known.IsTaskOrTaskOfT(model.GetTypeInfo(parts.Call, cancellationToken).Type);
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } loop)
                {
                    continue;
                }

                var item = SyntaxFactory.Parameter(loop.Identifier.WithoutTrivia());
                if (!loop.Type.IsVar)
                {
                    item = item.WithType(loop.Type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space));
                }

                StatementSyntax replacement;
                if (!IsCollect(diagnostic))
                {
                    if (AwaitOf(loop) is not { } await || ParallelForEachSyntax.TokenParameterName(editor.SemanticModel, loop, await) is not { } tokenName)
                    {
                        continue;
                    }

                    var forEach = ParallelForEachSyntax.Create(editor, loop, loop.Expression, item, await.WithoutTrivia(), tokenName, default, RuleOptions.SequentialAwaitsMaxDegree, cancellationToken);
                    replacement = SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(forEach).WithAdditionalAnnotations(Rewriting.ConfigureAwaitConvention.NewAwait));
                }
                else
                {
                    if (CollectParts(loop) is not { } parts)
                    {
                        continue;
                    }

                    // items.Select(x => F(x)) where System.Linq is in scope; else Enumerable.Select(items, …), which brings the import
                    // and which the simplifier reduces to the extension form (parenthesising an array creation receiver).
                    var lambda = SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(item, parts.Call.WithoutTrivia()));
                    var select = LinqInScope(editor.SemanticModel, loop, cancellationToken)
                        ? SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, loop.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Select")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(lambda)))
                        : SyntaxFactory.InvocationExpression(
                                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Enumerable!, loop.SpanStart), SyntaxFactory.IdentifierName("Select")),
                                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(loop.Expression.WithoutTrivia()), lambda })))
                            .WithAdditionalAnnotations(Simplifier.Annotation);
                    ExpressionSyntax whenAll = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Task!, loop.SpanStart), SyntaxFactory.IdentifierName("WhenAll")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(select))));
                    if (parts.ConfigureAwait is { } configure)
                    {
                        whenAll = configure.WithExpression(((MemberAccessExpressionSyntax)configure.Expression).WithExpression(whenAll));
                    }

                    replacement = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, parts.List.WithoutTrivia(), SyntaxFactory.IdentifierName("AddRange")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.AwaitExpression(whenAll))))));
                }

                editor.ReplaceNode(loop, replacement.WithTriviaFrom(loop).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
            }
        }

        /// <summary>Whether <c>items.Select</c> binds at the loop: System.Linq's extension is in scope for the source's type.</summary>
        private static bool LinqInScope(SemanticModel model, ForEachStatementSyntax loop, CancellationToken cancellationToken)
        {
            if (model.GetTypeInfo(loop.Expression, cancellationToken).Type is not { } source)
            {
                return false;
            }

            var enumerable = KnownSymbols.Get(model.Compilation).Enumerable;
            foreach (var symbol in model.LookupSymbols(loop.SpanStart, source, "Select", includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { IsExtensionMethod: true } method && KnownSymbols.Is(method.ContainingType, enumerable))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCollect(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(SequentialAwaitsAnalyzer.ShapeProperty, out var shape) && shape == "Collect";

        private static ForEachStatementSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as ForEachStatementSyntax;

        private static ExpressionStatementSyntax? OnlyStatement(ForEachStatementSyntax loop)
            => loop.Statement switch
            {
                BlockSyntax { Statements.Count: 1 } block => block.Statements[0] as ExpressionStatementSyntax,
                ExpressionStatementSyntax statement => statement,
                _ => null,
            };

        private static AwaitExpressionSyntax? AwaitOf(ForEachStatementSyntax loop) => OnlyStatement(loop)?.Expression as AwaitExpressionSyntax;

        private sealed class Collect
        {
            public Collect(ExpressionSyntax list, ExpressionSyntax call, InvocationExpressionSyntax? configureAwait)
            {
                List = list;
                Call = call;
                ConfigureAwait = configureAwait;
            }

            public ExpressionSyntax List { get; }

            public ExpressionSyntax Call { get; }

            public InvocationExpressionSyntax? ConfigureAwait { get; }
        }

        /// <summary><c>list.Add(await F(x))</c> or <c>list.Add(await F(x).ConfigureAwait(false))</c>.</summary>
        private static Collect? CollectParts(ForEachStatementSyntax loop)
        {
            if (OnlyStatement(loop)?.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } add } invocation
                || invocation.ArgumentList.Arguments.Count != 1
                || invocation.ArgumentList.Arguments[0].Expression is not AwaitExpressionSyntax { Expression: var awaited })
            {
                return null;
            }

            if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configureAccess } configure)
            {
                return new Collect(add.Expression, configureAccess.Expression, configure);
            }

            return new Collect(add.Expression, awaited, null);
        }

        /// <summary>The source is an IEnumerable&lt;T&gt; of the loop variable's own type (no conversion hidden in the foreach).</summary>
        private static bool YieldsItsOwnElements(SemanticModel model, ForEachStatementSyntax loop, CancellationToken cancellationToken)
        {
            var info = model.GetForEachStatementInfo(loop);
            var known = KnownSymbols.Get(model.Compilation);
            if (info.ElementType is not { } element || known.IEnumerableOfT is not { } enumerableOfT
                || model.GetTypeInfo(loop.Expression, cancellationToken).Type is not { } source
                || (!loop.Type.IsVar && !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(loop.Type, cancellationToken).Type, element)))
            {
                return false;
            }

            var sequence = enumerableOfT.Construct(element);
            if (SymbolEqualityComparer.Default.Equals(source, sequence))
            {
                return true;
            }

            foreach (var implemented in source.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, sequence))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
