using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.NestedTaskAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.NestedTaskCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC205: Task&lt;Task&gt; from StartNew/ContinueWith with async delegates.</summary>
    [Trait("Rule", "ASYNC205")]
    public sealed class NestedTaskTests
    {
        private static string Wrap(string body, string returns = "async Task") => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task WorkAsync() => Task.Delay(1);
                Task<int> CountAsync() => Task.FromResult(1);

                {{returns}} M(Task previous)
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string method, string type) => Verify.Diagnostic().WithLocation(marker).WithArguments(method, type);

        [Fact]
        public Task Awaited_StartNew_with_async_lambda_becomes_Task_Run()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:Task.Factory.StartNew(async () => await WorkAsync())|}; // background"),
                At(0, "StartNew", "Task<Task>"),
                Wrap("        await Task.Run(async () => await WorkAsync()); // background"));

        [Fact]
        public Task Returned_StartNew_in_non_async_method_becomes_Task_Run()
            => Verify.VerifyCodeFixAsync(
                Wrap("        return {|#0:Task.Factory.StartNew(async () => await CountAsync())|};", "Task"),
                At(0, "StartNew", "Task<Task<int>>"),
                Wrap("        return Task.Run(async () => await CountAsync());", "Task"));

        [Fact]
        public Task StartNew_with_options_gets_Unwrap()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:Task.Factory.StartNew(async () => await WorkAsync(), TaskCreationOptions.LongRunning)|};"),
                At(0, "StartNew", "Task<Task>"),
                Wrap("        await Task.Factory.StartNew(async () => await WorkAsync(), TaskCreationOptions.LongRunning).Unwrap();"));

        [Fact]
        public Task ContinueWith_with_async_lambda_gets_Unwrap()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:previous.ContinueWith(async t => await WorkAsync())|};"),
                At(0, "ContinueWith", "Task<Task>"),
                Wrap("        await previous.ContinueWith(async t => await WorkAsync()).Unwrap();"));

        [Fact]
        public Task Custom_factory_StartNew_gets_Unwrap()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var factory = new TaskFactory(TaskScheduler.Default);\n        await {|#0:factory.StartNew(async () => await WorkAsync())|};"),
                At(0, "StartNew", "Task<Task>"),
                Wrap("        var factory = new TaskFactory(TaskScheduler.Default);\n        await factory.StartNew(async () => await WorkAsync()).Unwrap();"));

        [Fact]
        public Task Method_group_returning_a_task_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:Task.Factory.StartNew(WorkAsync)|};"),
                At(0, "StartNew", "Task<Task>"),
                Wrap("        await Task.Run(WorkAsync);"));

        [Fact]
        public Task Nested_task_stored_as_a_plain_Task_is_reported_and_unwrapped()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            Task running = {|#0:Task.Factory.StartNew(async () => await WorkAsync(), TaskCreationOptions.LongRunning)|};
                            _background = {|#1:Task.Factory.StartNew(async () => await WorkAsync())|};
                            await running;
                        }

                        Task _background = Task.CompletedTask;

                        void Unused()
                        {
                    """),
                new[] { At(0, "StartNew", "Task<Task>"), At(1, "StartNew", "Task<Task>") },
                Wrap("""
                            Task running = Task.Factory.StartNew(async () => await WorkAsync(), TaskCreationOptions.LongRunning).Unwrap();
                            _background = Task.Run(async () => await WorkAsync());
                            await running;
                        }

                        Task _background = Task.CompletedTask;

                        void Unused()
                        {
                    """));

        [Fact]
        public Task Synchronous_delegate_returning_a_task_gets_a_message_that_does_not_say_async()
            => Verify.VerifyAnalyzerAsync(
                Wrap("        await {|#0:Task.Factory.StartNew(() => WorkAsync())|};"),
                Verify.Diagnostic().WithLocation(0)
                    .WithMessage("'StartNew' returns 'Task<Task>' because its delegate returns a task: awaiting it waits only until the delegate returns that task, not until the task finishes"));

        [Fact]
        public Task Unwrap_already_applied_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await Task.Factory.StartNew(async () => await WorkAsync()).Unwrap();"));

        [Fact]
        public Task Await_await_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await await Task.Factory.StartNew(async () => await WorkAsync());"));

        [Fact]
        public Task Sync_delegates_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await Task.Factory.StartNew(() => Thread.Sleep(1));\n        await previous.ContinueWith(t => Console.WriteLine(t.Status));"));

        [Fact]
        public Task Task_Run_with_async_lambda_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await Task.Run(async () => await WorkAsync());"));

        [Fact]
        public Task Nested_task_kept_in_a_local_is_not_reported_here()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var outer = Task.Factory.StartNew(async () => await WorkAsync());
                        var inner = await outer;
                        await inner;
                """));

        [Fact]
        public Task Nested_task_passed_as_argument_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Keep(Task.Factory.StartNew(async () => await WorkAsync()));
                        await Task.Yield();
                    }

                    void Keep(Task<Task> t)
                    {
                """));

        [Fact]
        public Task StartNew_returning_a_value_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var n = await Task.Factory.StartNew(() => 42);"));
    }
}
