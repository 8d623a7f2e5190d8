using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC605: an async method or local function returning Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; or (iterator)
    /// IAsyncEnumerable&lt;T&gt; that starts with argument checks — <c>ArgumentException</c>'s and its subclasses' static
    /// <c>ThrowIf…</c> helpers, or <c>if (…) throw new …ArgumentException…(…);</c> on a parameter. Only the leading run of
    /// checks counts (a check after other work is not moved by the fix). Task-returning functions must await something (one
    /// that does not is ASYNC502's). Reported once per function, on its first check; the other checks are additional locations.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ValidateBeforeAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ValidateBeforeAwait);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement);
        }

        private static void Analyze(SyntaxNodeAnalysisContext context)
        {
            var function = context.Node;
            if (!AsyncFunctionSyntax.AsyncKeyword(function).IsKind(SyntaxKind.AsyncKeyword)
                || AsyncFunctionSyntax.Body(function) is not BlockSyntax { Statements.Count: > 1 } body
                || !MayBeCheck(body.Statements[0]))
            {
                return;
            }

            var model = context.SemanticModel;
            if (model.GetDeclaredSymbol(function, context.CancellationToken) is not IMethodSymbol { Parameters.Length: > 0 } method)
            {
                return;
            }

            var known = KnownSymbols.Get(context.Compilation);
            var checks = LeadingChecks(body, method, model, known, context.CancellationToken);
            if (checks.Count == 0 || checks.Count == body.Statements.Count)
            {
                return;
            }

            var iterator = IsIterator(body);
            string where, lands;
            if (iterator && KnownSymbols.Is(method.ReturnType.OriginalDefinition, known.IAsyncEnumerableOfT))
            {
                (where, lands) = ("an async iterator", "is thrown only when the sequence is enumerated");
            }
            else if (!iterator && (known.IsTaskOrTaskOfT(method.ReturnType) || known.IsValueTask(method.ReturnType)) && Awaits(body))
            {
                (where, lands) = ("an async method", "lands on the returned task");
            }
            else
            {
                return;
            }

            List<Location>? others = null;
            for (var i = 1; i < checks.Count; i++)
            {
                (others ??= new List<Location>()).Add(checks[i].GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ValidateBeforeAwait, checks[0].GetLocation(), others, AsyncFunctionSyntax.Name(function), where, lands));
        }

        /// <summary>The statements at the start of the body that check arguments, in order; empty when the first one does not.</summary>
        internal static List<StatementSyntax> LeadingChecks(BlockSyntax body, IMethodSymbol method, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            var checks = new List<StatementSyntax>();
            if (known.ArgumentException is null)
            {
                return checks;
            }

            foreach (var statement in body.Statements)
            {
                if (!MayBeCheck(statement) || !IsCheck(statement, method, model, known, cancellationToken))
                {
                    break;
                }

                checks.Add(statement);
            }

            return checks;
        }

        /// <summary>Cheap shape test: <c>X.ThrowIf…(…);</c> or <c>if (…) throw …;</c> without else.</summary>
        private static bool MayBeCheck(StatementSyntax statement)
            => statement switch
            {
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } }
                    => access.Name.Identifier.ValueText.StartsWith("ThrowIf", System.StringComparison.Ordinal),
                IfStatementSyntax { Else: null } check => ThrowOf(check.Statement) != null,
                _ => false,
            };

        private static ThrowStatementSyntax? ThrowOf(StatementSyntax statement)
            => statement switch
            {
                ThrowStatementSyntax @throw => @throw,
                BlockSyntax { Statements.Count: 1 } block => block.Statements[0] as ThrowStatementSyntax,
                _ => null,
            };

        private static bool IsCheck(StatementSyntax statement, IMethodSymbol method, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            // Nothing awaited, nothing declared (a pattern variable would be needed after the check).
            foreach (var node in statement.DescendantNodes())
            {
                if (node is AwaitExpressionSyntax or SingleVariableDesignationSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return false;
                }
            }

            ExpressionSyntax checkedPart;
            if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation })
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { IsStatic: true } helper
                    || !DerivesFromArgumentException(helper.ContainingType, known))
                {
                    return false;
                }

                checkedPart = invocation;
            }
            else
            {
                var check = (IfStatementSyntax)statement;
                if (ThrowOf(check.Statement)?.Expression is not ObjectCreationExpressionSyntax creation
                    || model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol thrown
                    || !DerivesFromArgumentException(thrown, known))
                {
                    return false;
                }

                checkedPart = check.Condition;
            }

            return ReadsParameter(checkedPart, method, model, cancellationToken);
        }

        private static bool DerivesFromArgumentException(INamedTypeSymbol? type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current, known.ArgumentException))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReadsParameter(ExpressionSyntax expression, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>yield</c> in the function's own body.</summary>
        internal static bool IsIterator(BlockSyntax body)
        {
            foreach (var node in AsyncFunctionSyntax.OwnNodes(body))
            {
                if (node is YieldStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Awaits(BlockSyntax body)
        {
            foreach (var node in AsyncFunctionSyntax.OwnNodes(body))
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                    case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    case UsingStatementSyntax @using when @using.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    case LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return true;
                }
            }

            return false;
        }
    }
}
