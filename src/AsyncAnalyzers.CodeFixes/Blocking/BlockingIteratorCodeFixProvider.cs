using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC106 fix "Convert 'M' to an async iterator": <c>IEnumerable&lt;T&gt; M(…)</c> becomes
    /// <c>async IAsyncEnumerable&lt;T&gt; M(…, [EnumeratorCancellation] CancellationToken cancellationToken = default)</c>,
    /// each blocking call with an async twin is awaited through the twin with that token (the ASYNC103 fix, run on the
    /// converted body), and every consumer — which must be a <c>foreach</c> over the call in async code — becomes
    /// <c>await foreach</c>, passing the consumer's in-scope token. Offered only when every reference in the solution is
    /// such a consumer: LINQ over the sequence, synchronous consumers, method groups, public API of a library,
    /// virtual/abstract members and <c>params</c> signatures are boundaries, and then the fix is not offered.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingIteratorCodeFixProvider)), Shared]
    public sealed class BlockingIteratorCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "ConvertToAsyncIterator";
        private const string TokenName = "cancellationToken";

        /// <summary>Marks the converted declaration, so the second step finds it after edits moved it.</summary>
        private static readonly SyntaxAnnotation Converted = new SyntaxAnnotation("AsyncAnalyzers.ConvertedIterator");

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingIterator);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Convert '" + plan.Name + "' to an async iterator",
                        ct => ConvertAsync(document.Project.Solution, document.Id, diagnostic, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>What the conversion touches: the iterator and its consumers (foreach statements), or null when it cannot.</summary>
        private sealed class Plan
        {
            public Plan(string name, SyntaxNode declaration, List<(DocumentId Document, ForEachStatementSyntax Loop, InvocationExpressionSyntax Call)> consumers, string? existingToken)
            {
                Name = name;
                Declaration = declaration;
                Consumers = consumers;
                ExistingToken = existingToken;
            }

            public string Name { get; }

            public SyntaxNode Declaration { get; }

            public List<(DocumentId Document, ForEachStatementSyntax Loop, InvocationExpressionSyntax Call)> Consumers { get; }

            /// <summary>The iterator's own CancellationToken parameter, when it has one (it gets [EnumeratorCancellation]).</summary>
            public string? ExistingToken { get; }
        }

        private static async Task<Plan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
            {
                return null;
            }

            var known = KnownSymbols.Get(model.Compilation);
            if (known.IAsyncEnumerableOfT is null || known.CancellationToken is null || known.EnumeratorCancellationAttribute is null
                || method.ReturnType is not INamedTypeSymbol { IsGenericType: true } returnType || !KnownSymbols.Is(returnType.OriginalDefinition, known.IEnumerableOfT)
                || ReturnTypeName(declaration) is not { } returnTypeSyntax || !(returnTypeSyntax is GenericNameSyntax || returnTypeSyntax is QualifiedNameSyntax { Right: GenericNameSyntax })
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.DeclaringSyntaxReferences.Length != 1
                || (method.MethodKind == MethodKind.Ordinary && PublicApi.IsPublicApi(method, model.Compilation)))
            {
                return null;
            }

            string? existingToken = null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.IsParams || parameter.RefKind != RefKind.None)
                {
                    return null;
                }

                if (KnownSymbols.Is(parameter.Type, known.CancellationToken))
                {
                    if (existingToken != null)
                    {
                        return null; // two tokens: which one cancels the enumeration is the author's call
                    }

                    existingToken = parameter.Name;
                }
                else if (parameter.Name == TokenName)
                {
                    return null;
                }
            }

            var consumers = new List<(DocumentId, ForEachStatementSyntax, InvocationExpressionSyntax)>();
            var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    if (location.IsImplicit || location.IsCandidateLocation)
                    {
                        return null;
                    }

                    var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var name = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (ConsumerLoop(name, declaration) is not { } consumer)
                    {
                        return null;
                    }

                    consumers.Add((location.Document.Id, consumer.Loop, consumer.Call));
                }
            }

            return new Plan(method.Name, declaration, consumers, existingToken);
        }

        /// <summary><c>foreach (… in M(…))</c> (also <c>this.M(…)</c>, <c>T.M(…)</c>) in code that can await, or null.</summary>
        private static (ForEachStatementSyntax Loop, InvocationExpressionSyntax Call)? ConsumerLoop(SyntaxNode? name, SyntaxNode iterator)
        {
            var expression = name;
            if (expression?.Parent is MemberAccessExpressionSyntax access && access.Name == expression)
            {
                expression = access;
            }

            if (expression?.Parent is not InvocationExpressionSyntax call || call.Expression != expression
                || call.Parent is not ForEachStatementSyntax loop || loop.Expression != call || loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                || !AwaitInsertion.CanAwaitAt(loop))
            {
                return null;
            }

            for (var current = loop.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? (loop, call) : null;
                    case LocalFunctionStatementSyntax or MethodDeclarationSyntax when current == iterator:
                        return (loop, call); // the iterator consuming itself: async once converted
                    case LocalFunctionStatementSyntax local:
                        return local.Modifiers.Any(SyntaxKind.AsyncKeyword) ? (loop, call) : null;
                    case MethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword) ? (loop, call) : null;
                    case GlobalStatementSyntax:
                        return (loop, call); // top-level statements become async with the first await
                    case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private static TypeSyntax? ReturnTypeName(SyntaxNode declaration)
            => declaration switch
            {
                MethodDeclarationSyntax method => method.ReturnType,
                LocalFunctionStatementSyntax local => local.ReturnType,
                _ => null,
            };

        private static async Task<Solution> ConvertAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(documentId);
            if (document is null || await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } plan)
            {
                return solution;
            }

            // 1. Consumers (await foreach, the consumer's token) and the iterator's signature, as transformations of the
            //    original nodes: ReplaceNodes hands each one its already rewritten form, so a loop inside another loop or
            //    inside the iterator itself (recursion) keeps its own edit.
            var edits = new Dictionary<DocumentId, Dictionary<SyntaxNode, System.Func<SyntaxNode, SyntaxNode>>>();
            foreach (var (consumerDocumentId, loop, _) in plan.Consumers)
            {
                ExpressionSyntax? token = null;
                if (plan.ExistingToken is null)
                {
                    if (plan.Declaration.SyntaxTree == loop.SyntaxTree && plan.Declaration.Span.Contains(loop.Span))
                    {
                        token = SyntaxFactory.IdentifierName(TokenName); // the iterator consuming itself forwards its new token
                    }
                    else if (await solution.GetDocument(consumerDocumentId)!.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } model)
                    {
                        token = TokenForwarding.CreateTokenExpression(InScopeToken.Find(model, loop, cancellationToken));
                    }
                }

                Edits(edits, consumerDocumentId)[loop] = rewritten => AwaitLoop((ForEachStatementSyntax)rewritten, token);
            }

            var existingToken = plan.ExistingToken;
            Edits(edits, documentId)[plan.Declaration] = rewritten => ConvertSignature(rewritten, existingToken).WithAdditionalAnnotations(Converted);

            foreach (var pair in edits)
            {
                var root = await solution.GetDocument(pair.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var transformations = pair.Value;
                solution = solution.WithDocumentSyntaxRoot(pair.Key, root!.ReplaceNodes(transformations.Keys, (original, rewritten) => transformations[original](rewritten)));
            }

            // 2. The body's blocking calls: now in async code, they are ASYNC103 diagnostics; its fix awaits the twins.
            document = solution.GetDocument(documentId)!;
            document = await AwaitTwinsAsync(document, cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;

            // 3. Imports for the attribute and the token type, simplification, formatting of what changed.
            foreach (var changed in edits.Keys)
            {
                var changedDocument = solution.GetDocument(changed)!;
                changedDocument = await DocumentFixProvider.AddImportsAsync(changedDocument, cancellationToken).ConfigureAwait(false);
                changedDocument = await Simplifier.ReduceAsync(changedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                changedDocument = await Formatter.FormatAsync(changedDocument, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                solution = changedDocument.Project.Solution;
            }

            return solution;
        }

        private static Dictionary<SyntaxNode, System.Func<SyntaxNode, SyntaxNode>> Edits(Dictionary<DocumentId, Dictionary<SyntaxNode, System.Func<SyntaxNode, SyntaxNode>>> edits, DocumentId id)
        {
            if (!edits.TryGetValue(id, out var map))
            {
                map = new Dictionary<SyntaxNode, System.Func<SyntaxNode, SyntaxNode>>();
                edits.Add(id, map);
            }

            return map;
        }

        private static ForEachStatementSyntax AwaitLoop(ForEachStatementSyntax loop, ExpressionSyntax? token)
        {
            var awaited = loop.WithForEachKeyword(loop.ForEachKeyword.WithLeadingTrivia())
                .WithAwaitKeyword(SyntaxFactory.Token(loop.ForEachKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            return token != null && loop.Expression is InvocationExpressionSyntax call
                ? awaited.WithExpression(TokenForwarding.AppendToken(call, token, parameterName: null, named: false))
                : awaited;
        }

        /// <summary>async, IAsyncEnumerable&lt;T&gt;, and the [EnumeratorCancellation] token parameter.</summary>
        private static SyntaxNode ConvertSignature(SyntaxNode declaration, string? existingToken)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::System.Runtime.CompilerServices.EnumeratorCancellation").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))));

            ParameterListSyntax Parameters(ParameterListSyntax list)
            {
                if (existingToken != null)
                {
                    return list.WithParameters(SyntaxFactory.SeparatedList(list.Parameters.Select(p => p.Identifier.ValueText == existingToken && p.AttributeLists.Count == 0
                        ? p.WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithTrailingTrivia(SyntaxFactory.Space))).WithLeadingTrivia(p.GetLeadingTrivia())
                        : p), list.Parameters.GetSeparators()));
                }

                var token = SyntaxFactory.Parameter(SyntaxFactory.Identifier(TokenName))
                    .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithTrailingTrivia(SyntaxFactory.Space)))
                    .WithType(SyntaxFactory.ParseTypeName("global::System.Threading.CancellationToken").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)));
                return list.AddParameters(token);
            }

            TypeSyntax AsyncEnumerable(TypeSyntax type) => type switch
            {
                GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(generic.Identifier.LeadingTrivia, "IAsyncEnumerable", generic.Identifier.TrailingTrivia)),
                QualifiedNameSyntax { Right: GenericNameSyntax right } qualified => qualified.WithRight(right.WithIdentifier(SyntaxFactory.Identifier(right.Identifier.LeadingTrivia, "IAsyncEnumerable", right.Identifier.TrailingTrivia))),
                _ => type,
            };

            switch (declaration)
            {
                case MethodDeclarationSyntax method:
                    var returnType = AsyncEnumerable(method.ReturnType);
                    var modifiers = method.Modifiers;
                    if (modifiers.Count == 0)
                    {
                        asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
                        returnType = returnType.WithLeadingTrivia();
                    }

                    return method.WithReturnType(returnType).WithModifiers(modifiers.Add(asyncKeyword)).WithParameterList(Parameters(method.ParameterList));
                case LocalFunctionStatementSyntax local:
                    var localReturn = AsyncEnumerable(local.ReturnType);
                    var localModifiers = local.Modifiers;
                    if (localModifiers.Count == 0)
                    {
                        asyncKeyword = asyncKeyword.WithLeadingTrivia(localReturn.GetLeadingTrivia());
                        localReturn = localReturn.WithLeadingTrivia();
                    }

                    return local.WithReturnType(localReturn).WithModifiers(localModifiers.Add(asyncKeyword)).WithParameterList(Parameters(local.ParameterList));
                default:
                    return declaration;
            }
        }

        /// <summary>Runs ASYNC103 on the converted iterator and applies its fix to the twins it finds there.</summary>
        private static async Task<Document> AwaitTwinsAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || root.GetAnnotatedNodes(Converted).FirstOrDefault() is not { } declaration)
            {
                return document;
            }

            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new AsyncCounterpartAnalyzer());
            var options = new CompilationWithAnalyzersOptions(document.Project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await model.Compilation.WithAnalyzers(analyzers, options)
                .GetAnalyzerSemanticDiagnosticsAsync(model, declaration.Span, cancellationToken).ConfigureAwait(false);
            var inBody = diagnostics.Where(d => d.Id == DiagnosticIds.AsyncCounterpart && declaration.Span.Contains(d.Location.SourceSpan)).ToImmutableArray();
            return inBody.IsEmpty ? document : await new AsyncCounterpartCodeFixProvider().FixDocumentAsync(document, inBody, cancellationToken).ConfigureAwait(false);
        }
    }
}
