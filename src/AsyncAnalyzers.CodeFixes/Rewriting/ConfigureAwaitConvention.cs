using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>
    /// Fixes keep a type's <c>ConfigureAwait(false)</c> convention: when every await already in the type declaration
    /// awaits <c>… .ConfigureAwait(false)</c>, the awaits a fix adds (marked with <see cref="NewAwait"/>) get it too, on
    /// tasks and value tasks (other awaitables may have no ConfigureAwait). A type without awaits, or with any await
    /// without it, has no convention to keep — unless ASYNC601 is switched on and its <c>configure_await</c> mode requires
    /// ConfigureAwait in this project: then every await a fix adds gets it, so no fix leaves an ASYNC601 behind.
    /// </summary>
    internal static class ConfigureAwaitConvention
    {
        public static readonly SyntaxAnnotation NewAwait = new SyntaxAnnotation("AsyncAnalyzers.NewAwait");

        public static async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                return document;
            }

            var candidates = new List<AwaitExpressionSyntax>();
            bool? required = null;
            Compilation? compilation = null;
            foreach (var node in root.GetAnnotatedNodes(NewAwait))
            {
                if (node is not AwaitExpressionSyntax added || IsConfigured(added))
                {
                    continue;
                }

                if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type && FollowsConvention(type))
                {
                    candidates.Add(added);
                    continue;
                }

                if (required is null)
                {
                    compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                    required = compilation is not null && RequiredByRule(document, root.SyntaxTree, compilation, cancellationToken);
                }

                if (required == true)
                {
                    candidates.Add(added);
                }
            }

            if (candidates.Count == 0 || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                return document;
            }

            var known = KnownSymbols.Get(model.Compilation);
            var configurable = new List<AwaitExpressionSyntax>();
            foreach (var added in candidates)
            {
                if (model.GetTypeInfo(added.Expression, cancellationToken).Type is INamedTypeSymbol { } awaited
                    && (KnownSymbols.Is(awaited.OriginalDefinition, known.Task) || KnownSymbols.Is(awaited.OriginalDefinition, known.TaskOfT)
                        || KnownSymbols.Is(awaited.OriginalDefinition, known.ValueTask) || KnownSymbols.Is(awaited.OriginalDefinition, known.ValueTaskOfT)))
                {
                    configurable.Add(added);
                }
            }

            if (configurable.Count == 0)
            {
                return document;
            }

            var newRoot = root.ReplaceNodes(configurable, (original, current) =>
            {
                var awaitExpression = (AwaitExpressionSyntax)current;
                var operand = awaitExpression.Expression.WithoutTrivia();
                if (operand is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax))
                {
                    operand = SyntaxFactory.ParenthesizedExpression(operand);
                }

                var configured = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, operand, SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
                return awaitExpression.WithExpression(configured.WithTriviaFrom(awaitExpression.Expression));
            });
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>ASYNC601 is switched on for the file and its <c>configure_await</c> mode asks for ConfigureAwait in this project.</summary>
        private static bool RequiredByRule(Document document, SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
        {
            var options = compilation.Options;
            var severity = ReportDiagnostic.Suppress;
            if (options.SyntaxTreeOptionsProvider is { } provider
                && (provider.TryGetDiagnosticValue(tree, DiagnosticIds.ConfigureAwait, cancellationToken, out var fromTree)
                    || provider.TryGetGlobalDiagnosticValue(DiagnosticIds.ConfigureAwait, cancellationToken, out fromTree)))
            {
                severity = fromTree;
            }
            else if (options.SpecificDiagnosticOptions.TryGetValue(DiagnosticIds.ConfigureAwait, out var specific))
            {
                severity = specific;
            }

            if (severity is ReportDiagnostic.Suppress or ReportDiagnostic.Default)
            {
                return false;
            }

            var configOptions = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
            var mode = Options.GetString(configOptions.GetOptions(tree), RuleOptions.ConfigureAwaitMode)?.Trim();
            return mode is null || string.Equals(mode, "library", System.StringComparison.OrdinalIgnoreCase)
                ? global::AsyncAnalyzers.Design.ConfigureAwaitAnalyzer.IsLibraryProject(compilation, configOptions.GlobalOptions)
                : string.Equals(mode, "always", System.StringComparison.OrdinalIgnoreCase);
        }

        internal static bool FollowsConvention(TypeDeclarationSyntax type)
        {
            var existing = 0;
            foreach (var node in type.DescendantNodes())
            {
                if (node is not AwaitExpressionSyntax await || await.HasAnnotation(NewAwait))
                {
                    continue;
                }

                if (!IsConfigured(await))
                {
                    return false;
                }

                existing++;
            }

            return existing > 0;
        }

        /// <summary><c>await x.ConfigureAwait(false)</c>.</summary>
        private static bool IsConfigured(AwaitExpressionSyntax await)
            => await.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }, ArgumentList.Arguments: { Count: 1 } arguments }
               && arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression);
    }
}
