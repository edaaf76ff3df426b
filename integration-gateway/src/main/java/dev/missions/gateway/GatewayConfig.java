package dev.missions.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway is told, under {@code missions.gateway}. Secrets and tokens are optional so the
 * gateway starts without them; an endpoint whose secret is missing refuses every request (401) and says
 * which key to set. No secret is ever logged.
 */
@ConfigMapping(prefix = "missions.gateway")
public interface GatewayConfig {

    /** Larger webhook bodies are refused with 413 before they are read. */
    @WithDefault("262144")
    long maxBodyBytes();

    /** The coordinator names mission branches {@code missions/<id>}: CI failures there never start a mission. */
    @WithDefault("missions/")
    String missionBranchPrefix();

    /** How long a delivery id is remembered; far longer than any provider retries or any signature window. */
    @WithDefault("P7D")
    Duration deliveryTtl();

    /**
     * How long a mission's Slack message and pull request are remembered once it has gone quiet (no notification
     * left to send or kept); a mission that speaks again after that gets a new Slack message.
     */
    @WithDefault("P30D")
    Duration mappingTtl();

    Linear linear();

    GitHub github();

    GitLab gitlab();

    Ci ci();

    Slack slack();

    Coordinator coordinator();

    interface Linear {
        Optional<String> webhookSecret();

        /** Name of the label that starts a mission (case-insensitive). */
        @WithDefault("mission")
        String triggerLabel();

        /** Deliveries whose webhookTimestamp is further from now than this are refused. */
        @WithDefault("60s")
        Duration maxAge();

        /** Repository per team key, project name or project id, e.g. {@code repositories."ENG"=https://github.com/acme/app.git}. */
        Map<String, String> repositories();

        @WithDefault("main")
        String baseBranch();
    }

    interface GitHub {
        Optional<String> webhookSecret();

        @WithDefault("https://api.github.com")
        String apiUrl();

        /** Token for reading jobs and logs (actions:read). */
        Optional<String> token();

        /** Branches whose failed runs start a fix mission. */
        @WithDefault("main")
        List<String> branches();

        /** Missions on repositories under this URL get a pull request when they succeed (with a token). */
        @WithDefault("https://github.com/")
        String webUrl();
    }

    interface GitLab {
        Optional<String> webhookToken();

        @WithDefault("https://gitlab.com/api/v4")
        String apiUrl();

        /** Token for reading job traces (read_api). */
        Optional<String> token();

        @WithDefault("main")
        List<String> branches();

        /** Missions on repositories under this URL get a merge request when they succeed (with a token). */
        @WithDefault("https://gitlab.com/")
        String webUrl();
    }

    /** How much of a failed job's log travels with a fix mission. */
    interface Ci {
        @WithDefault("120")
        int logTailLines();

        @WithDefault("6000")
        int logTailChars();

        /** At most this many failed jobs' logs are fetched. */
        @WithDefault("5")
        int maxJobs();

        /** Per API call. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /**
         * For all the calls of one webhook: GitHub waits 10 s for an answer, so logs not read by then are left
         * out (the mission says so) rather than making the provider give up on the delivery.
         */
        @WithDefault("6s")
        Duration fetchBudget();
    }

    interface Slack {
        Optional<String> signingSecret();

        @WithDefault("5m")
        Duration maxAge();

        /** Slack wants an answer within 3 s; slower work answers through response_url. */
        @WithDefault("2s")
        Duration answerWithin();

        /** Repository aliases for {@code /mission start <alias> <goal>}. */
        Map<String, String> repositories();

        /**
         * A repository given as a URL must start with one of these; none set = only the aliases, so nobody in the
         * workspace can aim a mission at a repository the operators did not choose.
         */
        Optional<List<String>> allowedRepositoryPrefixes();

        /** response_url must start with one of these, so a forged payload cannot make us call elsewhere. */
        @WithDefault("https://hooks.slack.com/")
        List<String> responseUrlPrefixes();

        @WithDefault("main")
        String baseBranch();

        /**
         * The workspaces (team ids, e.g. {@code T0001}) whose commands and buttons are taken; none set = every
         * workspace that sends requests signed with the app's secret, which is any workspace the app is installed in.
         */
        Optional<List<String>> teamIds();

        /**
         * Who may approve, reject and cancel missions from Slack: user ids ({@code U0123}, {@code W0123}) and user group
         * ids ({@code S0123}), whose members are read with usergroups.users.list (the bot token needs usergroups:read).
         * None set = nobody may: those buttons and commands are refused, and the gateway says so at startup.
         */
        Optional<List<String>> approvers();

        /** How long a user group's members are remembered before Slack is asked again. */
        @WithDefault("60s")
        Duration approverGroupsTtl();
    }

    Outbound outbound();

    /** Progress told back: Slack messages and Linear comments, retried with backoff, then dead-lettered. */
    interface Outbound {
        /** Bot token (chat:write); unset = no Slack messages. */
        Optional<String> slackToken();

        /** The channel the progress messages go to. */
        Optional<String> slackChannel();

        @WithDefault("https://slack.com/api/")
        String slackApiUrl();

        /** Linear API key (comments); unset = no Linear comments. */
        Optional<String> linearApiKey();

        @WithDefault("https://api.linear.app/graphql")
        String linearApiUrl();

        @WithDefault("8")
        int maxAttempts();

        @WithDefault("2s")
        Duration retryDelay();

        @WithDefault("5m")
        Duration maxRetryDelay();

        /** How often due notifications are looked for (retries, and anything a restart left). */
        @WithDefault("1s")
        String pollInterval();
    }

    /** The coordinator's REST API, for {@code /mission status} and {@code /mission list}. */
    interface Coordinator {
        @WithDefault("http://localhost:8080")
        String url();

        Optional<String> token();
    }
}
