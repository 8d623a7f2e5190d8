using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC207: in a non-async function returning a task, a task returned from inside a using block/declaration whose
    /// resource the task-producing expression uses, or from inside a try with catch/finally.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TaskEscapesDisposalAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.TaskEscapesDisposal);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is not IReturnOperation { ReturnedValue: { } returned } || known.Task is null || !known.IsTaskLike(returned.Type))
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Return);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IReturnOperation { ReturnedValue: { } returned } returnOperation
                || returnOperation.Kind != OperationKind.Return
                || !known.IsTaskLike(returned.Type))
            {
                return;
            }

            var function = AsyncContext.GetEnclosingFunction(returnOperation, context.ContainingSymbol);
            if (function is null || function.IsAsync || !known.IsTaskLike(function.ReturnType) || IsAlreadyComplete(returned, known))
            {
                return;
            }

            IOperation child = returnOperation;
            for (var parent = returnOperation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return;

                    case ITryOperation tryOperation when ReferenceEquals(child, tryOperation.Body) && (tryOperation.Finally != null || tryOperation.Catches.Length > 0):
                        if (tryOperation.Catches.Length == 0 && FinallyIsIdleAt(tryOperation.Finally!, returnOperation))
                        {
                            return;
                        }

                        Report(context, returned, tryOperation.Finally != null ? "a 'try' with 'finally'" : "a 'try' with 'catch'");
                        return;

                    case IUsingOperation usingOperation when ReferenceEquals(child, usingOperation.Body) && UsesAny(returned, usingOperation.Locals, usingOperation.Resources):
                        Report(context, returned, "a 'using' block");
                        return;

                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is IUsingDeclarationOperation declaration && UsesAny(returned, DeclaredLocals(declaration), null))
                            {
                                Report(context, returned, "the scope of a 'using' declaration");
                                return;
                            }
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// A <c>finally</c> that acts only under a flag (<c>if (gotLock) Release();</c>) which cannot be set yet where the task
        /// is returned: every write of the flag comes later in the method, outside any loop around the return. Returning
        /// there hands the resource to the callee (<c>return TakeLockAsync_Awaited(pending)</c>), which releases it itself;
        /// "make it async" would change who releases.
        /// </summary>
        private static bool FinallyIsIdleAt(IBlockOperation @finally, IReturnOperation returnOperation)
        {
            if (@finally.Operations.IsEmpty)
            {
                return true;
            }

            var root = AsyncContext.FunctionBody(returnOperation);
            foreach (var statement in @finally.Operations)
            {
                if (statement is not IConditionalOperation { WhenFalse: null } guard
                    || GuardFlag(guard.Condition) is not { } flag
                    || !FlagIsFalseAt(flag, returnOperation, root))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>if (flag)</c> or <c>if (flag &amp;&amp; …)</c>: the bool local the statement depends on.</summary>
        private static ILocalSymbol? GuardFlag(IOperation condition)
            => OperationTree.Unwrap(condition) switch
            {
                ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_Boolean } local } => local,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => GuardFlag(and.LeftOperand),
                _ => null,
            };

        private static bool FlagIsFalseAt(ILocalSymbol flag, IReturnOperation site, IOperation root)
        {
            var declarator = LocalWrites.DeclaratorOf(flag, root);
            var initial = declarator?.GetVariableInitializer()?.Value;
            if (initial is null || initial.ConstantValue is not { HasValue: true, Value: false })
            {
                return false;
            }

            // Inside 'if (!flag) { … return … }' the flag is false whatever was written before that test.
            var position = site.Syntax.SpanStart;
            var checkedFalseAt = FalseTestAround(flag, site);
            foreach (var operation in root.Descendants())
            {
                // Writes: flag = …, flag |= …, and ref/out arguments (Monitor.Enter(gate, ref lockTaken)).
                var written = operation switch
                {
                    IAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation argument } => argument.Local,
                    _ => null,
                };
                if (written is null || !SymbolEqualityComparer.Default.Equals(written, flag))
                {
                    continue;
                }

                var writtenAt = operation.Syntax.SpanStart;
                var beforeTheTest = writtenAt < checkedFalseAt;
                if ((writtenAt < position && !beforeTheTest) || AsyncContext.IsInNestedFunction(operation, root) || InLoopAround(operation, site))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Where the innermost <c>if (!flag)</c> around the return starts its test; -1 when there is none.</summary>
        private static int FalseTestAround(ILocalSymbol flag, IOperation site)
        {
            var child = site;
            for (var parent = site.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation { WhenTrue: { } whenTrue } test && ReferenceEquals(child, whenTrue)
                    && OperationTree.Unwrap(test.Condition) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: { } operand }
                    && OperationTree.Unwrap(operand) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, flag))
                {
                    return test.Condition.Syntax.SpanStart;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            return -1;
        }

        private static bool InLoopAround(IOperation write, IOperation site)
        {
            for (var parent = write.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is ILoopOperation loop && loop.Syntax.Span.Contains(site.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, IOperation returned, string where)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.TaskEscapesDisposal, returned.Syntax.GetLocation(), where));

        private static bool IsAlreadyComplete(IOperation returned, KnownSymbols known)
            => OperationTree.Unwrap(returned) switch
            {
                IInvocationOperation { TargetMethod: { Name: "FromResult" or "FromException" or "FromCanceled", IsStatic: true } method }
                    => KnownSymbols.Is(method.ContainingType, known.Task) || KnownSymbols.Is(method.ContainingType, known.ValueTask),
                IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property }
                    => KnownSymbols.Is(property.ContainingType, known.Task) || KnownSymbols.Is(property.ContainingType, known.ValueTask),
                // new ValueTask<T>(value) holds a result, not a task; new ValueTask() is complete.
                IObjectCreationOperation { Type: { } created } creation
                    => known.IsValueTask(created) && (creation.Arguments.Length == 0 || !known.IsTaskLike(creation.Arguments[0].Value.Type)),
                IDefaultValueOperation => true,
                ILiteralOperation => true,
                _ => false,
            };

        private static ImmutableArray<ILocalSymbol> DeclaredLocals(IUsingDeclarationOperation declaration)
        {
            var builder = ImmutableArray.CreateBuilder<ILocalSymbol>();
            foreach (var group in declaration.DeclarationGroup.Declarations)
            {
                foreach (var declarator in group.Declarators)
                {
                    builder.Add(declarator.Symbol);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Whether the returned expression reads one of the disposed locals (or, for <c>using (expr)</c>, the same symbol).</summary>
        private static bool UsesAny(IOperation returned, ImmutableArray<ILocalSymbol> locals, IOperation? resource)
        {
            ISymbol? resourceSymbol = resource is null ? null : OperationTree.Unwrap(resource) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };

            // The returned task may reach 'return' through locals assigned once (var copy = src.CopyToAsync(dst); return copy;
            // or return Task.WhenAll(first, second);): follow each such local to its value, once.
            var root = AsyncContext.FunctionBody(returned);
            var pending = new Stack<IOperation>();
            var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            pending.Push(returned);
            while (pending.Count > 0)
            {
                foreach (var operation in pending.Pop().DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case ILocalReferenceOperation reference when locals.Contains(reference.Local, SymbolEqualityComparer.Default)
                                                                 || SymbolEqualityComparer.Default.Equals(reference.Local, resourceSymbol):
                            return true;
                        case ILocalReferenceOperation reference when root != null && followed.Add(reference.Local)
                                                                 && LocalWrites.SingleAssignedValue(reference.Local, root) is { } value:
                            pending.Push(value);
                            break;
                        case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter, resourceSymbol):
                            return true;
                        case IFieldReferenceOperation field when SymbolEqualityComparer.Default.Equals(field.Field, resourceSymbol):
                            return true;
                    }
                }
            }

            return false;
        }
    }
}
