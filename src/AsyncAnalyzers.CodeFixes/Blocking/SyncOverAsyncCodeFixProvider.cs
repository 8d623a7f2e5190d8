using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC104 fix for Main: <c>static void Main()</c> → <c>static async Task Main()</c> (<c>int</c> → <c>Task&lt;int&gt;</c>) and the
    /// blocking call → <c>await</c>; in top-level statements only the await (the compiler makes them async).
    /// Other methods get the cascade fix ("make async and update callers"), which is a separate provider.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncOverAsyncCodeFixProvider)), Shared]
    public sealed class SyncOverAsyncCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncOverAsync);

        protected override string EquivalenceKey => nameof(SyncOverAsyncCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Make 'Main' async and await";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(SyncOverAsyncAnalyzer.MainFixProperty)
               && KnownSymbols.Get(model.Compilation).Task != null
               && BlockingCallRewriter.FindBlockingExpression(root, diagnostic.Location.SourceSpan) is { } blocking
               && AwaitInsertion.CanAwaitAt(blocking)
               && FindMain(blocking) is { } main
               && (main is GlobalStatementSyntax || main is MethodDeclarationSyntax { Body: not null } || main is MethodDeclarationSyntax { ExpressionBody: not null });

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            var converted = new HashSet<SyntaxNode>();
            var rewritten = new HashSet<ExpressionSyntax>();
            var methods = new List<MethodDeclarationSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (BlockingCallRewriter.FindBlockingExpression(editor.OriginalRoot, diagnostic.Location.SourceSpan) is not { } blocking
                    || FindMain(blocking) is not { } main)
                {
                    continue;
                }

                if (rewritten.Add(blocking))
                {
                    BlockingCallRewriter.Replace(editor, blocking, diagnostic, cancellationToken);
                }

                // Once Main is async, every other blocking call in it would block in async code: await them all.
                if (converted.Add(main))
                {
                    foreach (var other in OtherBlockingCalls(editor.SemanticModel, main, known, cancellationToken))
                    {
                        if (rewritten.Add(other))
                        {
                            BlockingCallRewriter.Replace(editor, other, null, cancellationToken);
                        }
                    }

                    if (main is MethodDeclarationSyntax method)
                    {
                        methods.Add(method);
                    }
                }
            }

            foreach (var method in methods)
            {
                var taskName = editor.TypeName(known.Task!, method.SpanStart);
                editor.ReplaceNode(method, (current, _) => MakeAsync((MethodDeclarationSyntax)current, taskName));
            }
        }

        /// <summary>The blocking calls with an await form directly in Main's body (not in lambdas), as the analyzer sees them.</summary>
        private static IEnumerable<ExpressionSyntax> OtherBlockingCalls(SemanticModel model, SyntaxNode main, KnownSymbols known, CancellationToken cancellationToken)
        {
            var result = new List<ExpressionSyntax>();
            var bodies = main is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }
                ? (IEnumerable<SyntaxNode>)unit.Members.OfType<GlobalStatementSyntax>()
                : new[] { main };
            foreach (var body in bodies)
            {
                foreach (var node in body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
                {
                    if (BlockingCallRewriter.AsAwaitable(model, node, known, cancellationToken) is { } expression)
                    {
                        result.Add(expression);
                    }
                }
            }

            return result;
        }

        /// <summary>The Main declaration (or global statement) whose body holds the node; null inside a lambda or local function.</summary>
        private static SyntaxNode? FindMain(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return null;
                    case GlobalStatementSyntax global:
                        return global;
                    case MethodDeclarationSyntax { Identifier.ValueText: "Main" } method:
                        return method;
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method, ExpressionSyntax taskName)
        {
            var returnType = method.ReturnType;
            var newReturnType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? (TypeSyntax)taskName
                : Rewriting.MakeAsync.TaskOf((NameSyntax)taskName, returnType.WithoutTrivia());
            return (MethodDeclarationSyntax)Rewriting.MakeAsync.AddAsyncModifier(method.WithReturnType(newReturnType.WithTriviaFrom(returnType)));
        }
    }
}
