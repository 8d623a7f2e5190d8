using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC302: a call that accepts a cancellation token (optional parameter left at default, or an overload with a trailing
    /// token) and is not given the one in scope; <c>await foreach</c> over an IAsyncEnumerable without WithCancellation(token)
    /// and without passing the token to the producer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ForwardCancellationTokenAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic properties the fix reads.</summary>
        public const string ShapeProperty = "Shape"; // Argument | WithCancellation
        public const string ParameterNameProperty = "ParameterName";
        public const string NamedProperty = "Named";

        /// <summary>The expanded params arguments go into an array: the token overload takes <c>(T[] items, CancellationToken)</c>.</summary>
        public const string WrapParamsProperty = "WrapParams";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForwardCancellationToken, Descriptors.ForwardCancellationTokenAmbiguous);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                var acceptance = TokenAcceptance.Get(start.Compilation);
                var twins = AsyncTwins.CreateLazy(start.Compilation, start.Options, start.CancellationToken);
                start.RegisterOperationAction(c =>
                {
                    // Most code has no token to forward: decided by names before the token type is resolved.
                    if (!InScopeToken.MayFind(c.Operation, c.ContainingSymbol) || known.CancellationToken is null)
                    {
                        return;
                    }

                    AnalyzeInvocation(c, known, acceptance, twins);
                }, OperationKind.Invocation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is not IForEachLoopOperation { IsAsynchronous: true } || known.CancellationToken is null || known.IAsyncEnumerableOfT is null)
                    {
                        return;
                    }

                    AnalyzeForEach(c, acceptance);
                }, OperationKind.Loop);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, TokenAcceptance acceptance, System.Lazy<AsyncTwins> twins)
        {
            if (context.Operation is not IInvocationOperation invocation)
            {
                return;
            }

            // Producers of an await foreach are handled with the loop (one diagnostic, the right fix).
            if (OperationTree.Unwrap(invocation).Parent is IForEachLoopOperation { IsAsynchronous: true }
                || invocation.Parent is IConversionOperation { Parent: IForEachLoopOperation { IsAsynchronous: true } })
            {
                return;
            }

            // Cheap first: most code has no token to forward (a walk up the operation tree, no symbol lookups); only then
            // the overload search.
            var token = InScopeToken.Find(invocation, context.ContainingSymbol);
            if (token.Symbol is null && token.AmbiguousWith is null)
            {
                return;
            }

            var result = acceptance.Find(invocation);
            if (result.Kind == TokenAcceptanceKind.None || IsCleanup(invocation, context.ContainingSymbol) || BlockingTaskCalls.IsSemaphoreTry(invocation, known))
            {
                return;
            }

            // The token already travels with the result: producer().GetAsyncEnumerator(token) / .WithCancellation(token);
            // or inside an argument: Send(new Request(data, token)) / var request = new Request { Token = token }; Send(request).
            if (TokenGivenToResult(invocation, known) || TokenTravelsInAnArgument(invocation, known))
            {
                return;
            }

            // Never toward the method the call is in: the fix would make it call itself.
            if (SymbolEqualityComparer.Default.Equals(result.Overload?.OriginalDefinition, (context.ContainingSymbol as IMethodSymbol)?.OriginalDefinition))
            {
                return;
            }

            // One problem, one diagnostic: a blocking wait on a task (task.Wait(), WaitAll …) is ASYNC102's or ASYNC104's;
            // passing it the token would leave a blocking wait behind.
            if (BlockingTaskCalls.TryMatch(invocation, known, out _))
            {
                return;
            }

            // A blocking call with an async twin in async code is ASYNC103's: its fix awaits the twin with the token.
            if (!known.IsAwaitable(invocation.Type)
                && AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol)
                && twins.Value.Find(invocation, context.ContainingSymbol, Options.ForTree(context.Options, invocation.Syntax.SyntaxTree)) != null)
            {
                return;
            }

            Report(context, invocation, invocation.TargetMethod.Name, "Argument", result.ParameterName, result.NeedsNamedArgument, result.WrapsParamsArray, token);
        }

        private static void AnalyzeForEach(OperationAnalysisContext context, TokenAcceptance acceptance)
        {
            if (context.Operation is not IForEachLoopOperation { IsAsynchronous: true } loop || IsCleanup(loop, context.ContainingSymbol))
            {
                return;
            }

            switch (acceptance.ForAsyncForEach(loop, out var producer, out var result))
            {
                case AsyncForEachTokenNeed.PassToProducer when producer != null:
                    Report(context, producer, producer.TargetMethod.Name, "Argument", result.ParameterName, result.NeedsNamedArgument);
                    break;
                case AsyncForEachTokenNeed.WithCancellation:
                    Report(context, loop.Collection, "await foreach", "WithCancellation", null, false);
                    break;
            }
        }

        /// <summary>
        /// An argument is an object built with a token (in the call, or in a local assigned once right before it): the
        /// callee gets the caller's token through it, and a second one would be redundant.
        /// </summary>
        private static bool TokenTravelsInAnArgument(IInvocationOperation invocation, KnownSymbols known)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var value = OperationTree.Unwrap(argument.Value);
                if (value is ILocalReferenceOperation { Local: { } local } && AsyncContext.FunctionBody(value) is { } root)
                {
                    value = LocalWrites.SingleAssignedValue(local, root) is { } assigned ? OperationTree.Unwrap(assigned) : value;
                }

                if (value is IObjectCreationOperation creation && CarriesToken(creation, known))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool CarriesToken(IObjectCreationOperation creation, KnownSymbols known)
        {
            foreach (var operation in creation.DescendantsAndSelf())
            {
                if (!ReferenceEquals(operation, creation) && operation.Type is { } type && KnownSymbols.Is(type, known.CancellationToken)
                    && operation is IParameterReferenceOperation or ILocalReferenceOperation or IPropertyReferenceOperation { Property.Name: "Token" })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TokenGivenToResult(IInvocationOperation invocation, KnownSymbols known)
        {
            IOperation current = invocation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            // The result is the receiver: the instance, or the 'this' argument of an extension (WithCancellation).
            var parent = current.Parent is IArgumentOperation { Parameter.Ordinal: 0 } receiver ? receiver.Parent : current.Parent;
            if (parent is not IInvocationOperation { TargetMethod.Name: "GetAsyncEnumerator" or "WithCancellation" } next
                || (next.Instance != null && !ReferenceEquals(next.Instance, current)))
            {
                return false;
            }

            foreach (var argument in next.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && KnownSymbols.Is(argument.Value.Type, known.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string display, string shape, string? parameterName, bool named, bool wrapsParamsArray = false, InScopeTokenResult? decided = null)
        {
            var token = decided ?? InScopeToken.Find(at, context.ContainingSymbol);
            if (token.Symbol is null)
            {
                if (token.AmbiguousWith is { } first && FindOtherParameter(first) is { } second)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForwardCancellationTokenAmbiguous, at.Syntax.GetLocation(), display, first.Name, second.Name));
                }

                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(ShapeProperty, shape);
            if (parameterName != null)
            {
                properties.Add(ParameterNameProperty, parameterName);
            }

            if (named)
            {
                properties.Add(NamedProperty, "true");
            }

            if (wrapsParamsArray)
            {
                properties.Add(WrapParamsProperty, "true");
            }

            var tokenText = token.IsTokenSource ? token.Symbol.Name + ".Token" : token.Symbol.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForwardCancellationToken, at.Syntax.GetLocation(), InScopeToken.AddTo(properties.ToImmutable(), token), display, tokenText));
        }

        private static IParameterSymbol? FindOtherParameter(ISymbol first)
        {
            if (first.ContainingSymbol is IMethodSymbol method)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (!SymbolEqualityComparer.Default.Equals(parameter, first) && SymbolEqualityComparer.Default.Equals(parameter.Type, ((IParameterSymbol)first).Type))
                    {
                        return parameter;
                    }
                }
            }

            return null;
        }

        /// <summary>Cleanup code: inside catch/finally, or in Dispose/DisposeAsync, must run even after cancellation.</summary>
        internal static bool IsCleanup(IOperation operation, ISymbol containingSymbol)
        {
            if (containingSymbol is IMethodSymbol { Name: "Dispose" or "DisposeAsync" or "DisposeAsyncCore" })
            {
                return true;
            }

            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ICatchClauseOperation:
                        return true;
                    case ITryOperation tryOperation when ReferenceEquals(child, tryOperation.Finally):
                        return true;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }
    }
}
