package dev.missions.coordinator.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The dashboard's templates (src/main/resources/templates/ui), checked against these parameters at build time. */
@CheckedTemplate(basePath = "ui")
final class Screens {

    private Screens() {
    }

    /** {@code provider}: the name on the button that signs in there; none: the token field. */
    static native TemplateInstance signIn(Views.Chrome chrome, String message, String error, String provider);

    /** Right after a sign-in at the provider: a page of our own that goes on to {@code next}. */
    static native TemplateInstance signedIn(String next);

    static native TemplateInstance missions(Views.Chrome chrome, Views.Listing list);

    static native TemplateInstance listing(Views.Listing list);

    static native TemplateInstance mission(Views.Chrome chrome, Views.Screen mission, Views.Flash flash);

    static native TemplateInstance live(Views.Screen mission);

    static native TemplateInstance flash(Views.Flash flash);

    static native TemplateInstance newMission(Views.Chrome chrome, Views.Draft draft);

    static native TemplateInstance refused(Views.Chrome chrome, String message);
}
