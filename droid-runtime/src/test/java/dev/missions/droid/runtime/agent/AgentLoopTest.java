package dev.missions.droid.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.missions.droid.runtime.cast.Price;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's own rules, on a scripted in-process model; the HTTP clients are exercised by the droid services. */
class AgentLoopTest {

    private static final String SECRET = "canary-sk-0123456789";
    private static final AgentLimits LIMITS = new AgentLimits(50, 1_000_000, 20_000);

    @TempDir
    Path dir;

    /** Tools with outputs the tests control. */
    public static final class Probe {
        int calls;

        @Tool(name = "read", value = "reads")
        public String read(@P("path") String path) {
            calls++;
            return "line 1 of " + path + "\n" + "x".repeat(3_000) + "\n" + SECRET + "\n";
        }
    }

    /** A model that answers by a script and keeps every request it was sent; the replies numbered in cutOff overran. */
    static final class Scripted implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        final Function<Integer, AiMessage> script;
        final java.util.function.IntPredicate cutOff;

        Scripted(Function<Integer, AiMessage> script) {
            this(script, n -> false);
        }

        Scripted(Function<Integer, AiMessage> script, java.util.function.IntPredicate cutOff) {
            this.script = script;
            this.cutOff = cutOff;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            int n = requests.size();
            AiMessage reply = script.apply(n);
            return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(1_000, 50))
                    .finishReason(cutOff.test(n) ? FinishReason.LENGTH
                            : reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                    .build();
        }
    }

    static final class Host implements AgentLoop.Host {
        final UsageMeter usage = new UsageMeter(new Price(2, 8, 1));
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Transcript transcript;
        final StepLog steps = new StepLog();
        int lastStep;

        Host(Transcript transcript) {
            this.transcript = transcript;
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        @Override
        public String redact(String text) {
            return text.replace(SECRET, "[REDACTED]");
        }

        @Override
        public UsageMeter usage() {
            return usage;
        }

        @Override
        public Transcript transcript() {
            return transcript;
        }

        @Override
        public StepLog steps() {
            return steps;
        }

        @Override
        public void afterStep(int step) {
            lastStep = step;
        }
    }

    private static AiMessage call(String tool, String arguments) {
        return AiMessage.from(ToolExecutionRequest.builder().id("c" + System.nanoTime()).name(tool)
                .arguments(arguments).build());
    }

    @Test
    void toolsRunUntilTheModelAnswersAndErrorsReachTheModelAsText() throws Exception {
        Probe probe = new Probe();
        Scripted model = new Scripted(n -> switch (n) {
            case 1 -> call("read", "{\"path\":\"a.txt\"}");
            case 2 -> call("no_such_tool", "{}");
            default -> AiMessage.from("done: read a.txt");
        });
        Path file = dir.resolve("t.jsonl");
        Host host = new Host(Transcript.toFile(file, text -> text.replace(SECRET, "[REDACTED]")));

        AgentRun run = new AgentLoop(model, new Toolbox(List.of(probe)), LIMITS, host).run("system", "task");
        host.transcript.close();

        assertEquals(StopReason.FINISHED, run.reason());
        assertEquals("done: read a.txt", run.answer());
        assertEquals(3, run.steps());
        assertEquals(1, probe.calls);
        assertEquals(2, host.lastStep);
        List<ChatMessage> last = model.requests.get(2).messages();
        String toolOutput = ((ToolExecutionResultMessage) last.get(3)).text();
        assertTrue(toolOutput.contains("[REDACTED]") && !toolOutput.contains(SECRET), "the model never sees the secret");
        assertTrue(((ToolExecutionResultMessage) last.get(5)).text().startsWith("error: there is no tool named"));
        assertEquals(3, host.usage.snapshot().getSteps());
        assertEquals(3_000, host.usage.snapshot().getInputTokens());
        String transcript = Files.readString(file);
        assertTrue(transcript.contains("line 1 of a.txt") && !transcript.contains(SECRET), transcript);
        assertEquals(1, model.requests.get(0).toolSpecifications().size());
    }

    @Test
    void eachStepIsSummarizedRedactedForPeopleAndTheHeartbeatsTakeOnlyTheNewOnes() {
        Scripted model = new Scripted(n -> switch (n) {
            case 1 -> call("read", "{\"path\":\"" + SECRET + ".txt\"}");
            case 2 -> call("read", "{\"path\":\"b.txt\"}");
            default -> AiMessage.from("done, the key was " + SECRET);
        });
        Host host = new Host(Transcript.NONE);
        AgentLoop loop = new AgentLoop(model, new Toolbox(List.of(new Probe())), LIMITS, host);

        loop.run("system", "task");

        List<dev.missions.events.AttemptStep> steps = host.steps.latest();
        assertEquals(List.of(1, 2, 3), steps.stream().map(dev.missions.events.AttemptStep::getNumber).toList());
        var first = steps.get(0).getCalls().get(0);
        assertEquals("read", first.getTool());
        assertEquals("{\"path\":\"[REDACTED].txt\"}", first.getArguments());
        assertTrue(first.getOutput().startsWith("line 1 of [REDACTED].txt x"), first.getOutput());
        assertTrue(first.getOutput().length() <= StepLog.OUTPUT + 1, "a summary, not the whole output");
        assertEquals(1_000, steps.get(0).getUsage().getInputTokens());
        assertEquals(1, steps.get(0).getUsage().getSteps());
        assertEquals("done, the key was [REDACTED]", steps.get(2).getText());
        assertTrue(steps.get(2).getCalls().isEmpty());
        assertTrue(steps.toString().indexOf(SECRET) < 0, "no step carries the secret");
        assertEquals(3, host.steps.takeUnsent().size());
        assertEquals(List.of(), host.steps.takeUnsent(), "taken once");
        assertEquals(3, host.steps.latest().size(), "the result still carries them");
    }

    @Test
    void stepLimitTokenBudgetAndCancelStopTheRun() {
        Scripted forever = new Scripted(n -> call("read", "{\"path\":\"f\"}"));
        Host host = new Host(Transcript.NONE);
        AgentRun steps = new AgentLoop(forever, new Toolbox(List.of(new Probe())), LIMITS.withMaxSteps(7), host)
                .run("s", "t");
        assertEquals(StopReason.STEP_LIMIT, steps.reason());
        assertEquals(7, forever.requests.size());

        Host budgeted = new Host(Transcript.NONE);
        AgentRun tokens = new AgentLoop(new Scripted(n -> call("read", "{\"path\":\"f\"}")),
                new Toolbox(List.of(new Probe())), LIMITS.withMaxTokens(2_500), budgeted).run("s", "t");
        assertEquals(StopReason.TOKEN_BUDGET, tokens.reason());
        assertEquals(3, tokens.steps(), "1050 tokens a step: the third step crosses 2500");

        Host cancelled = new Host(Transcript.NONE);
        Scripted model = new Scripted(n -> {
            cancelled.cancelled.set(n == 2);
            return call("read", "{\"path\":\"f\"}");
        });
        AgentRun stopped = new AgentLoop(model, new Toolbox(List.of(new Probe())), LIMITS, cancelled).run("s", "t");
        assertEquals(StopReason.CANCELLED, stopped.reason());
        assertEquals(2, model.requests.size());
    }

    @Test
    void aFailingModelEndsTheRunWithTheCause() {
        ChatModel broken = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new IllegalStateException("HTTP 503 from the provider");
            }
        };
        AgentRun run = new AgentLoop(broken, new Toolbox(List.of(new Probe())), LIMITS, new Host(Transcript.NONE))
                .run("s", "t");
        assertEquals(StopReason.MODEL_ERROR, run.reason());
        assertTrue(run.detail().contains("HTTP 503"), run.detail());
    }

    @Test
    void aReplyCutOffAtTheTokenLimitIsNeitherTheAnswerNorActedOnAndTheModelIsToldSo() {
        Probe probe = new Probe();
        // 1: a summary cut mid-sentence; 2: a tool call cut off (its arguments may be half); 3: the call again; 4: done
        Scripted model = new Scripted(n -> switch (n) {
            case 1 -> AiMessage.from("I read the fi");
            case 2, 3 -> call("read", "{\"path\":\"a.txt\"}");
            default -> AiMessage.from("done: read a.txt");
        }, n -> n == 1 || n == 2);
        Host host = new Host(Transcript.NONE);

        AgentRun run = new AgentLoop(model, new Toolbox(List.of(probe)), LIMITS, host).run("system", "task");

        assertEquals(StopReason.FINISHED, run.reason());
        assertEquals("done: read a.txt", run.answer(), "the cut-off text was not taken for the answer");
        assertEquals(4, run.steps());
        assertEquals(1, probe.calls, "the cut-off call was not made");
        List<ChatMessage> second = model.requests.get(1).messages();
        assertEquals("I read the fi", ((AiMessage) second.get(2)).text());
        String note = ((UserMessage) second.get(3)).singleText();
        assertTrue(note.startsWith("Your last reply was cut off at the output token limit"), note);
        assertTrue(note.contains("Cut off 1 time(s) in a row"), note);
        List<ChatMessage> third = model.requests.get(2).messages();
        AiMessage droppedCall = (AiMessage) third.get(4);
        assertFalse(droppedCall.hasToolExecutionRequests(), "a cut-off call is not sent back as if it had been made");
        assertTrue(((UserMessage) third.get(5)).singleText().contains("Cut off 2 time(s) in a row"), "the count runs on");
        assertEquals(4, host.usage.snapshot().getSteps(), "a cut-off reply costs its tokens all the same");
    }

    @Test
    void aModelThatKeepsOverrunningItsTokenLimitFailsTheAttemptSayingSo() {
        Probe probe = new Probe();
        Scripted model = new Scripted(n -> call("read", "{\"path\":\"a.txt\"}"), n -> true);

        AgentRun run = new AgentLoop(model, new Toolbox(List.of(probe)), LIMITS, new Host(Transcript.NONE)).run("s", "t");

        assertEquals(StopReason.MODEL_ERROR, run.reason());
        assertEquals(AgentLoop.MAX_CUT_OFF_RETRIES + 1, model.requests.size(), "bounded: the first reply and two retries");
        assertTrue(run.detail().contains("cut off at its output token limit 3 times in a row"), run.detail());
        assertEquals(0, probe.calls);
        assertEquals("", run.answer());
    }

    @Test
    void threeHundredStepsStayWithinTheBoundAndKeepTheirPrefix() {
        Scripted model = new Scripted(n -> call("read", "{\"path\":\"file-" + n + ".txt\"}"));
        AgentLimits limits = new AgentLimits(300, Long.MAX_VALUE, 20_000);
        AgentRun run = new AgentLoop(model, new Toolbox(List.of(new Probe())), limits, new Host(Transcript.NONE))
                .run("the system prompt", "the task");

        assertEquals(StopReason.STEP_LIMIT, run.reason());
        assertEquals(300, model.requests.size());
        int largest = 0;
        for (ChatRequest request : model.requests) {
            List<ChatMessage> messages = request.messages();
            assertEquals("the system prompt", ((SystemMessage) messages.get(0)).text());
            assertEquals("the task", ((UserMessage) messages.get(1)).singleText());
            largest = Math.max(largest, size(messages));
        }
        // the last step is kept whole on top of the bound; without compaction the last request would be ~900 KB
        assertTrue(largest <= 20_000 + 3_200, "largest request " + largest);
        String digest = ((UserMessage) model.requests.get(299).messages().get(2)).singleText();
        assertTrue(digest.startsWith("Earlier steps"), digest);
        assertTrue(digest.contains("earliest steps not listed"), "the digest is bounded too");
        assertFalse(digest.contains(SECRET));
    }

    private static int size(List<ChatMessage> messages) {
        int size = 0;
        for (ChatMessage message : messages) {
            size += switch (message) {
                case SystemMessage s -> s.text().length();
                case UserMessage u -> u.singleText().length();
                case AiMessage a -> (a.text() == null ? 0 : a.text().length()) + a.toolExecutionRequests().stream()
                        .mapToInt(c -> c.name().length() + c.arguments().length()).sum();
                case ToolExecutionResultMessage r -> r.text().length();
                default -> 0;
            };
        }
        return size;
    }
}
