using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC605 fix: the function loses <c>async</c>, keeps its leading checks, and returns a call to an async local function
    /// that holds the rest of the body — <c>return GetCoreAsync();</c>. The local function captures the parameters; for an
    /// async iterator, the <c>[EnumeratorCancellation]</c> token moves to the local function's own parameter (the attribute
    /// only works on an iterator, and a consumer's <c>WithCancellation</c> token reaches the inner iterator through it).
    /// Not offered in a struct's instance members (a local function there cannot use <c>this</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ValidateBeforeAwaitCodeFixProvider)), Shared]
    public sealed class ValidateBeforeAwaitCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ValidateBeforeAwait);

        protected override string EquivalenceKey => nameof(ValidateBeforeAwaitCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Validate in a non-async wrapper";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Plan(root, model, diagnostic, cancellationToken) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan)
                {
                    continue;
                }

                var endOfLine = editor.EndOfLine;
                editor.ReplaceNode(plan.Function, (current, _) => Rewrite(current, plan, endOfLine));
            }
        }

        private static SyntaxNode Rewrite(SyntaxNode current, FixPlan plan, SyntaxTrivia endOfLine)
        {
            if (AsyncFunctionSyntax.Body(current) is not BlockSyntax body)
            {
                return current;
            }

            var statements = body.Statements;
            var rest = new List<StatementSyntax>();
            for (var i = plan.CheckCount; i < statements.Count; i++)
            {
                rest.Add(statements[i]);
            }

            var returnType = current is MethodDeclarationSyntax method ? method.ReturnType : ((LocalFunctionStatementSyntax)current).ReturnType;
            var parameters = SyntaxFactory.ParameterList();
            var arguments = SyntaxFactory.ArgumentList();
            if (plan.TokenName is { } token && plan.TokenType is { } tokenType)
            {
                parameters = parameters.AddParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier(token))
                    .WithType(tokenType.WithoutTrivia())
                    .AddAttributeLists(SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(plan.TokenAttribute!.WithoutTrivia()))));
                arguments = arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
            }

            var inner = SyntaxFactory.LocalFunctionStatement(
                    SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.AsyncKeyword)),
                    returnType.WithoutTrivia(),
                    SyntaxFactory.Identifier(plan.InnerName),
                    null,
                    parameters,
                    default,
                    SyntaxFactory.Block(rest),
                    null)
                .WithLeadingTrivia(endOfLine)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var call = SyntaxFactory.ReturnStatement(SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(plan.InnerName), arguments))
                .WithAdditionalAnnotations(Formatter.Annotation);

            var outer = new List<StatementSyntax>();
            for (var i = 0; i < plan.CheckCount; i++)
            {
                outer.Add(statements[i]);
            }

            outer.Add(call);
            outer.Add(inner);
            var rewritten = current.ReplaceNode(body, body.WithStatements(SyntaxFactory.List(outer)));
            if (plan.TokenAttribute is { } attribute)
            {
                rewritten = RemoveAttribute(rewritten, attribute);
            }

            return TaskReturns.RemoveAsyncModifier(rewritten);
        }

        /// <summary>Takes <c>[EnumeratorCancellation]</c> off the outer parameter (the whole list when it was alone there).</summary>
        private static SyntaxNode RemoveAttribute(SyntaxNode function, AttributeSyntax original)
        {
            foreach (var attribute in function.DescendantNodes())
            {
                if (attribute is AttributeSyntax candidate && candidate.IsEquivalentTo(original) && candidate.Parent is AttributeListSyntax list
                    && list.Parent is ParameterSyntax)
                {
                    return list.Attributes.Count == 1
                        ? function.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!
                        : function.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(candidate)));
                }
            }

            return function;
        }

        private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            SyntaxNode? function = null;
            for (var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent; node != null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                {
                    function = node;
                    break;
                }
            }

            if (function is null || AsyncFunctionSyntax.Body(function) is not BlockSyntax body
                || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol method

                // A local function in a struct's instance member cannot use 'this' (CS1673).
                || (!method.IsStatic && method.ContainingType is { IsValueType: true }))
            {
                return null;
            }

            var known = KnownSymbols.Get(model.Compilation);
            var checks = ValidateBeforeAwaitAnalyzer.LeadingChecks(body, method, model, known, cancellationToken);
            if (checks.Count == 0 || checks.Count == body.Statements.Count)
            {
                return null;
            }

            string? tokenName = null;
            TypeSyntax? tokenType = null;
            AttributeSyntax? tokenAttribute = null;
            if (ValidateBeforeAwaitAnalyzer.IsIterator(body))
            {
                foreach (var parameter in method.Parameters)
                {
                    foreach (var data in parameter.GetAttributes())
                    {
                        if (KnownSymbols.Is(data.AttributeClass, known.EnumeratorCancellationAttribute)
                            && data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax
                            && syntax.FirstAncestorOrSelf<ParameterSyntax>() is { Type: { } type })
                        {
                            (tokenName, tokenType, tokenAttribute) = (parameter.Name, type, syntax);
                        }
                    }
                }
            }

            return new FixPlan(function, checks.Count, InnerName(method, body, model), tokenName, tokenType, tokenAttribute);
        }

        /// <summary><c>GetCoreAsync</c> for <c>GetAsync</c> (<c>RunCore</c> for <c>Run</c>), numbered when that name is taken here.</summary>
        private static string InnerName(IMethodSymbol method, BlockSyntax body, SemanticModel model)
        {
            var name = method.Name;
            var stem = name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) + "CoreAsync" : name + "Core";
            var candidate = stem;
            for (var i = 2; model.LookupSymbols(body.SpanStart, name: candidate).Length > 0 || DeclaresLocalFunction(body, candidate); i++)
            {
                candidate = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static bool DeclaresLocalFunction(BlockSyntax body, string name)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is LocalFunctionStatementSyntax local && local.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class FixPlan
        {
            public FixPlan(SyntaxNode function, int checkCount, string innerName, string? tokenName, TypeSyntax? tokenType, AttributeSyntax? tokenAttribute)
            {
                Function = function;
                CheckCount = checkCount;
                InnerName = innerName;
                TokenName = tokenName;
                TokenType = tokenType;
                TokenAttribute = tokenAttribute;
            }

            public SyntaxNode Function { get; }

            public int CheckCount { get; }

            public string InnerName { get; }

            public string? TokenName { get; }

            public TypeSyntax? TokenType { get; }

            public AttributeSyntax? TokenAttribute { get; }
        }
    }
}
