using System.Collections.Immutable;
using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC304: <c>catch (Exception)</c> or a bare <c>catch</c> in async code, without a filter and without rethrowing, around code
    /// that received a CancellationToken, with no earlier <c>catch (OperationCanceledException)</c> in the same try.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DoNotSwallowCancellationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DoNotSwallowCancellation);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                if (known.CancellationToken is null || known.OperationCanceledException is null || known.Exception is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Try);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not ITryOperation { Catches.Length: > 0 } tryOperation || !HasBroadUnfilteredCatch(tryOperation, known)
                || !AsyncContext.IsAsyncContext(tryOperation, context.ContainingSymbol)
                || !ReceivesToken(tryOperation.Body, known))
            {
                return;
            }

            foreach (var clause in tryOperation.Catches)
            {
                if (CatchesCancellation(clause.ExceptionType, known) && !IsBroad(clause.ExceptionType, known))
                {
                    return; // an earlier catch (OperationCanceledException) handles cancellation first
                }

                if (!IsBroad(clause.ExceptionType, known) || clause.Filter != null || Rethrows(clause.Handler))
                {
                    continue;
                }

                if (clause.Syntax is CatchClauseSyntax syntax)
                {
                    var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.DoNotSwallowCancellation, Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end))));
                }
            }
        }

        private static bool HasBroadUnfilteredCatch(ITryOperation tryOperation, KnownSymbols known)
        {
            foreach (var clause in tryOperation.Catches)
            {
                if (clause.Filter is null && IsBroad(clause.ExceptionType, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Exception, object (bare catch): the types that also catch OperationCanceledException.</summary>
        private static bool IsBroad(ITypeSymbol type, KnownSymbols known)
            => type.SpecialType == SpecialType.System_Object || KnownSymbols.Is(type, known.Exception);

        /// <summary>OperationCanceledException or a base of it (SystemException, Exception).</summary>
        private static bool CatchesCancellation(ITypeSymbol type, KnownSymbols known)
        {
            for (var current = known.OperationCanceledException as ITypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Rethrows(IOperation handler)
        {
            foreach (var operation in handler.Descendants())
            {
                if (operation is IThrowOperation && !AsyncContext.IsInNestedFunction(operation, handler))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The guarded code passes a token, calls a member of one, or hands one to WithCancellation.</summary>
        private static bool ReceivesToken(IOperation body, KnownSymbols known)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IArgumentOperation { ArgumentKind: not ArgumentKind.DefaultValue } argument
                        when KnownSymbols.Is(argument.Value.Type, known.CancellationToken) && !IsNeverCanceled(argument.Value):
                        return true;
                    case IInvocationOperation { Instance: { } instance } when KnownSymbols.Is(instance.Type, known.CancellationToken):
                        return true;
                }
            }

            return false;
        }

        /// <summary><c>CancellationToken.None</c> and <c>default</c> can never be canceled: nothing to swallow.</summary>
        private static bool IsNeverCanceled(IOperation value)
            => BlockingTaskCalls.Unwrap(value) switch
            {
                IPropertyReferenceOperation { Property: { Name: "None", IsStatic: true } } => true,
                IDefaultValueOperation => true,
                _ => false,
            };
    }
}
