package dev.missions.gateway.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionRequested;
import dev.missions.gateway.http.Answers;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.inbound.Delivery;
import dev.missions.gateway.inbound.Intake;
import dev.missions.gateway.inbound.Verdict;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * What every CI webhook does once its delivery is verified: a payload that asks for no fix is only recorded, a
 * replayed delivery is refused, and a failure gets one mission, whose failed jobs are fetched only when it is
 * really started.
 */
@ApplicationScoped
public class CiFailureIntake {

    /** How one CI provider reads its payload. */
    public interface Reading {

        /** Why the payload starts nothing, or null when it asks for a fix. */
        String ignoredBecause(JsonNode payload);

        CiFailure failure(JsonNode payload);

        /** The failed jobs with their log tails, from the provider's API. */
        List<CiFailure.FailedJob> failedJobs(JsonNode payload, CiFailure failure);
    }

    @Inject
    Intake intake;

    @Inject
    DeliveryOutcome outcome;

    public Response admit(String provider, String label, String deliveryId, byte[] body, Reading reading) {
        JsonNode payload = Json.object(body);
        Delivery delivery = new Delivery(provider, deliveryId);
        String ignored = reading.ignoredBecause(payload);
        if (ignored != null) {
            Log.debugf("%s delivery %s ignored: %s", label, deliveryId, ignored);
            return Answers.of(outcome, intake.record(delivery), null, deliveryId, ignored);
        }
        CiFailure failure = reading.failure(payload);
        if (intake.seen(delivery)) {
            throw Answers.replayed(deliveryId);
        }
        if (intake.started(failure.missionKey())) {
            // a re-run, or another delivery of the same failure: no second mission, and no log fetching for it
            Verdict recorded = intake.record(delivery);
            return Answers.of(outcome, recorded == Verdict.RECORDED ? Verdict.ALREADY_STARTED : recorded, null, deliveryId,
                    "failure (" + failure.missionKey() + ")");
        }
        String missionId = UUID.randomUUID().toString();
        MissionRequested request = failure.mission(missionId, reading.failedJobs(payload, failure));
        var verdict = intake.publish(delivery, failure.missionKey(), Topic.MISSION_REQUESTS, missionId, request);
        Log.infof("%s delivery %s: %s for %s", label, deliveryId, verdict, failure.missionKey());
        return Answers.of(outcome, verdict, missionId, deliveryId, "failure (" + failure.missionKey() + ")");
    }
}
