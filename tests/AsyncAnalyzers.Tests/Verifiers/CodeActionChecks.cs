using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>The checks our adapter adds to every code action the official harness applies.</summary>
    internal static class CodeFixTestChecks
    {
        private static readonly ConditionalWeakTable<SyntaxTree, object> TreesBoundLikeText = new();

        internal static void RequireEquivalenceKeys(CodeAction action)
        {
            if (action.NestedActions.IsEmpty && action.EquivalenceKey is null)
            {
                throw new VerifierException($"Code action '{action.Title}' has no equivalence key: Fix All would silently do nothing.");
            }

            foreach (var nested in action.NestedActions)
            {
                RequireEquivalenceKeys(nested);
            }
        }

        internal static async Task VerifyChangedSolutionAsync(Solution solution, CancellationToken cancellationToken)
        {
            foreach (var project in solution.Projects)
            {
                Compilation? compilation = null;
                foreach (var document in project.Documents)
                {
                    var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                    if (tree is null || TreesBoundLikeText.TryGetValue(tree, out _))
                    {
                        continue;
                    }

                    compilation ??= await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                    VerifyTreeBindsLikeItsText(compilation!, tree, cancellationToken);
                }
            }
        }

        /// <summary>
        /// A tree whose every node and token (kind, contextual kind, text) equals its re-parsed text's binds like it;
        /// one that differs must at least not have compiler errors its text does not have.
        /// </summary>
        private static void VerifyTreeBindsLikeItsText(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (TreesBoundLikeText.TryGetValue(tree, out _))
            {
                return;
            }

            var reparsed = CSharpSyntaxTree.ParseText(tree.GetText(cancellationToken), (CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken);
            if (!SameTokensAndNodes(tree.GetRoot(cancellationToken), reparsed.GetRoot(cancellationToken)))
            {
                var treeErrors = Errors(compilation, tree, cancellationToken);
                var textErrors = Errors(compilation.ReplaceSyntaxTree(tree, reparsed), reparsed, cancellationToken);
                var extra = treeErrors.Except(textErrors).ToList();
                if (extra.Count > 0)
                {
                    throw new VerifierException($"The syntax tree a fix built for {tree.FilePath} has compiler errors that its text does not: {string.Join("; ", extra)}");
                }
            }

            TreesBoundLikeText.AddOrUpdate(tree, tree);
        }

        private static bool SameTokensAndNodes(SyntaxNode built, SyntaxNode parsed)
        {
            using var left = built.DescendantNodesAndTokensAndSelf(descendIntoTrivia: true).GetEnumerator();
            using var right = parsed.DescendantNodesAndTokensAndSelf(descendIntoTrivia: true).GetEnumerator();
            while (true)
            {
                var hasLeft = left.MoveNext();
                if (hasLeft != right.MoveNext())
                {
                    return false;
                }

                if (!hasLeft)
                {
                    return true;
                }

                var a = left.Current;
                var b = right.Current;
                if (a.RawKind != b.RawKind || a.IsToken != b.IsToken)
                {
                    return false;
                }

                if (a.IsToken)
                {
                    var tokenA = a.AsToken();
                    var tokenB = b.AsToken();
                    if (ContextualKind(tokenA) != ContextualKind(tokenB) || tokenA.Text != tokenB.Text)
                    {
                        return false;
                    }
                }
            }
        }

        // The parser gives "_", "var", "nameof" … a contextual kind that SyntaxFactory.Identifier does not; Roslyn 4.14
        // exposes it only on the internal green token (if a Roslyn update moves it, this fails loudly).
        private static readonly System.Reflection.PropertyInfo? GreenNode = typeof(SyntaxToken).GetProperty("Node", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

        private static int ContextualKind(SyntaxToken token)
        {
            var green = GreenNode?.GetValue(token);
            return green?.GetType().GetProperty("RawContextualKind")?.GetValue(green) is int kind
                ? kind
                : throw new InvalidOperationException("This Roslyn version hides a token's contextual kind: update the tree check.");
        }

        private static string[] Errors(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
            => compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(x => x, StringComparer.Ordinal)
                .ToArray();
    }

    /// <summary>Offers the wrapped provider's fixes as <see cref="CheckedCodeAction"/>s, after checking their equivalence keys.</summary>
    internal sealed class CheckedCodeFixProvider : CodeFixProvider
    {
        public CheckedCodeFixProvider(CodeFixProvider inner) => Inner = inner;

        public CodeFixProvider Inner { get; }

        public override ImmutableArray<string> FixableDiagnosticIds => Inner.FixableDiagnosticIds;

        public override FixAllProvider? GetFixAllProvider() => Inner.GetFixAllProvider() is { } fixAll ? new CheckedFixAllProvider(fixAll) : null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
            => Inner.RegisterCodeFixesAsync(new CodeFixContext(
                context.Document,
                context.Span,
                context.Diagnostics,
                (action, diagnostics) =>
                {
                    CodeFixTestChecks.RequireEquivalenceKeys(action);
                    context.RegisterCodeFix(new CheckedCodeAction(action), diagnostics);
                },
                context.CancellationToken));
    }

    internal sealed class CheckedFixAllProvider : FixAllProvider
    {
        private readonly FixAllProvider _inner;

        public CheckedFixAllProvider(FixAllProvider inner) => _inner = inner;

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => _inner.GetSupportedFixAllScopes();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            => await _inner.GetFixAsync(fixAllContext).ConfigureAwait(false) is { } action ? new CheckedCodeAction(action) : null;
    }

    /// <summary>The wrapped action, whose changed solution must bind like its text before the harness re-parses it.</summary>
    internal sealed class CheckedCodeAction : CodeAction
    {
        private readonly CodeAction _inner;

        public CheckedCodeAction(CodeAction inner) => _inner = inner;

        public override string Title => _inner.Title;

        public override string? EquivalenceKey => _inner.EquivalenceKey;

        protected override async Task<IEnumerable<CodeActionOperation>> ComputeOperationsAsync(CancellationToken cancellationToken)
        {
            var operations = await _inner.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var operation in operations)
            {
                if (operation is ApplyChangesOperation apply)
                {
                    await CodeFixTestChecks.VerifyChangedSolutionAsync(apply.ChangedSolution, cancellationToken).ConfigureAwait(false);
                }
            }

            return operations;
        }
    }
}
