using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC502: an <c>async</c> method, local function, lambda or anonymous method whose own body (not its nested functions)
    /// has no <c>await</c>, <c>await foreach</c> or <c>await using</c>. Not reported: async iterators (<c>yield</c>), bodies
    /// that only throw (a placeholder or a member that must exist for a contract), and compilations built by a compiler that
    /// still reports CS1998 for the same thing (Roslyn before 5.0: the .NET 9 SDK, Visual Studio 2022), nor where the code
    /// silenced CS1998 (NoWarn, a severity setting, a <c>#pragma</c>). Purely syntactic: no symbol is bound.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncWithoutAwaitAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The compiler reported CS1998 ("async method lacks await operators") up to Roslyn 4.x; 5.0 removed it.</summary>
        internal static readonly bool CompilerReportsCS1998 = typeof(Compilation).Assembly.GetName().Version is { Major: < 5 };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncWithoutAwait);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            if (!CompilerReportsCS1998)
            {
                Register(context);
            }
        }

        private static void Register(AnalysisContext context)
        {
            context.RegisterSyntaxNodeAction(Analyze, AsyncFunctionSyntax.Kinds);
        }

        private static void Analyze(SyntaxNodeAnalysisContext context)
        {
            var node = context.Node;
            var asyncKeyword = AsyncFunctionSyntax.AsyncKeyword(node);
            if (!asyncKeyword.IsKind(SyntaxKind.AsyncKeyword) || AsyncFunctionSyntax.Body(node) is not { } body || IsThrowOnly(body) || HasAwaitOrYield(body))
            {
                return;
            }

            if (SuppressesCS1998(context, asyncKeyword.SpanStart))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncWithoutAwait, asyncKeyword.GetLocation(), AsyncFunctionSyntax.Name(node)));
        }

        /// <summary>
        /// Code that silenced the compiler's CS1998 — <c>NoWarn</c>, <c>dotnet_diagnostic.CS1998.severity = none</c>, or
        /// <c>#pragma warning disable CS1998</c> around the function — said "async without await is deliberate here" before
        /// the compiler stopped reporting it; the rule takes that answer over instead of reopening the question.
        /// </summary>
        private static bool SuppressesCS1998(SyntaxNodeAnalysisContext context, int position)
        {
            var options = context.Compilation.Options;
            if (options.SpecificDiagnosticOptions.TryGetValue(CompilerId, out var project) && project == ReportDiagnostic.Suppress)
            {
                return true;
            }

            var tree = context.Node.SyntaxTree;
            if (options.SyntaxTreeOptionsProvider is { } provider
                && provider.TryGetDiagnosticValue(tree, CompilerId, context.CancellationToken, out var file) && file == ReportDiagnostic.Suppress)
            {
                return true;
            }

            // The last #pragma warning before the position that names CS1998 (or names nothing: all warnings) decides.
            var disabled = false;
            for (var directive = tree.GetRoot(context.CancellationToken).GetFirstDirective(); directive != null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                if (directive is PragmaWarningDirectiveTriviaSyntax pragma && NamesCS1998(pragma))
                {
                    disabled = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
                }
            }

            return disabled;
        }

        private const string CompilerId = "CS1998";

        private static bool NamesCS1998(PragmaWarningDirectiveTriviaSyntax pragma)
        {
            if (pragma.ErrorCodes.Count == 0)
            {
                return true;
            }

            foreach (var code in pragma.ErrorCodes)
            {
                if (code is IdentifierNameSyntax { Identifier.ValueText: CompilerId }
                    || code is LiteralExpressionSyntax { Token.Value: 1998 })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>{ throw …; }</c> or <c>=> throw …</c>: a placeholder, or a member a contract requires and this type refuses.</summary>
        private static bool IsThrowOnly(CSharpSyntaxNode body)
            => body is ThrowExpressionSyntax || (body is BlockSyntax { Statements: { Count: 1 } statements } && statements[0] is ThrowStatementSyntax);

        /// <summary>Whether the body awaits (or yields) itself; nested lambdas and local functions are theirs, not its.</summary>
        internal static bool HasAwaitOrYield(SyntaxNode body)
        {
            foreach (var node in AsyncFunctionSyntax.OwnNodes(body))
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                    case YieldStatementSyntax:
                        return true;
                    case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return true;
                    case UsingStatementSyntax @using when @using.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return true;
                    case LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return true;
                }
            }

            return false;
        }
    }
}
