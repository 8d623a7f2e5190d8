using System.Collections.Generic;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// What a function body (its own operations, not nested functions') can throw, for ASYNC502's fix. Conservative: only
    /// operations that cannot throw count as safe (literals, locals, parameters, <c>this</c> and its fields, constants,
    /// assignments to those, implicit built-in conversions, unchecked built-in operators other than division, control flow);
    /// a call, a property, an indexer, an allocation, a pattern or a string conversion may throw.
    /// </summary>
    internal readonly struct BodyThrows
    {
        private BodyThrows(bool mayThrow, int throwStatements, bool throwExpressions, bool hasTry, bool mayCancel)
        {
            MayThrow = mayThrow;
            ThrowStatements = throwStatements;
            ThrowExpressions = throwExpressions;
            HasTry = hasTry;
            MayCancel = mayCancel;
        }

        /// <summary>Something other than the body's own <c>throw</c> statements may throw.</summary>
        public bool MayThrow { get; }

        /// <summary><c>throw e;</c> statements of the body (the exception's construction counts as theirs).</summary>
        public int ThrowStatements { get; }

        /// <summary><c>x ?? throw e</c> and other throw expressions, and rethrows.</summary>
        public bool ThrowExpressions { get; }

        public bool HasTry { get; }

        /// <summary>The body handles a CancellationToken or throws an OperationCanceledException: it may end canceled.</summary>
        public bool MayCancel { get; }

        public static BodyThrows Classify(IOperation body, KnownSymbols known)
        {
            bool mayThrow = false, throwExpressions = false, hasTry = false, mayCancel = false;
            var throwStatements = 0;
            var stack = new Stack<(IOperation Operation, bool InThrow)>();
            stack.Push((body, false));
            while (stack.Count > 0)
            {
                var (operation, inThrow) = stack.Pop();
                if (known.CancellationToken is { } token && operation.Type is { } type && KnownSymbols.Is(type, token))
                {
                    mayCancel = true;
                }

                switch (operation)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation or IDelegateCreationOperation:
                        continue; // creating a delegate runs none of its code
                    case IThrowOperation @throw:
                        if (@throw.Syntax is ThrowStatementSyntax { Expression: not null })
                        {
                            throwStatements++;
                        }
                        else
                        {
                            throwExpressions = true;
                        }

                        if (@throw.Exception is { } exception && OperationTree.Unwrap(exception).Type is { } thrown && known.OperationCanceledException is { } canceled && KnownSymbols.IsOrDerivesFrom(thrown, canceled))
                        {
                            mayCancel = true;
                        }

                        foreach (var child in operation.ChildOperations)
                        {
                            stack.Push((child, true));
                        }

                        continue;
                    case ITryOperation:
                        hasTry = true;
                        break;
                    case IObjectCreationOperation when inThrow:
                        break;
                    default:
                        if (!CannotThrow(operation))
                        {
                            mayThrow = true;
                        }

                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push((child, inThrow && operation is IConversionOperation));
                }
            }

            return new BodyThrows(mayThrow, throwStatements, throwExpressions, hasTry, mayCancel);
        }

        private static bool CannotThrow(IOperation operation)
        {
            switch (operation)
            {
                case ILiteralOperation or IDefaultValueOperation or IParameterReferenceOperation or ILocalReferenceOperation
                    or IInstanceReferenceOperation or INameOfOperation or ITypeOfOperation or IEmptyOperation or ILabeledOperation
                    or IBranchOperation or IBlockOperation or IExpressionStatementOperation or IReturnOperation
                    or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation
                    or IVariableInitializerOperation or ISimpleAssignmentOperation or IConditionalOperation or ICoalesceOperation
                    or IWhileLoopOperation or IForLoopOperation or ISwitchOperation or ISwitchCaseOperation
                    or IDefaultCaseClauseOperation or ISingleValueCaseClauseOperation or ITupleOperation or IDiscardOperation
                    or ICatchClauseOperation or IArgumentOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return field.Instance is IInstanceReferenceOperation || field.ConstantValue.HasValue;
                case IConversionOperation conversion:
                    return conversion.Conversion.IsImplicit && !conversion.Conversion.IsUserDefined;
                case IBinaryOperation binary:
                    return binary.OperatorMethod is null && !binary.IsChecked
                        && binary.OperatorKind is not BinaryOperatorKind.Divide and not BinaryOperatorKind.Remainder
                        && binary.LeftOperand.Type?.SpecialType != SpecialType.System_String
                        && binary.RightOperand.Type?.SpecialType != SpecialType.System_String;
                case IUnaryOperation unary:
                    return unary.OperatorMethod is null && !unary.IsChecked;
                case IIncrementOrDecrementOperation increment:
                    return increment.OperatorMethod is null && !increment.IsChecked;
                case ICompoundAssignmentOperation compound:
                    return compound.OperatorMethod is null && !compound.IsChecked
                        && compound.OperatorKind is not BinaryOperatorKind.Divide and not BinaryOperatorKind.Remainder
                        && compound.Target.Type?.SpecialType != SpecialType.System_String;
                default:
                    return constantOrFalse(operation);
            }

            static bool constantOrFalse(IOperation operation) => operation.ConstantValue.HasValue;
        }
    }
}
