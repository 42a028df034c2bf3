// A real OpenRosa client for monev's tests: javarosa, the form engine of
// ODK Collect (the copy inside pyxform's ODK Validate jar), opens an XForm
// as Collect does, answers its questions through FormEntryController (so
// every bind's type, relevance, constraint and required rule is javarosa's
// own), fills the preloads (instanceID, timeStart), and writes the instance
// Collect would send. Run in Java's source-file mode:
//
//   java -cp ODK_Validate.jar FillForm.java FORM.xml OUT.xml name=value ...
//
// Exit 0 with OUT.xml written; 3 when javarosa refuses an answer (its
// constraint message on stderr); 4 when a required question is left empty;
// 2 for anything else.

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.javarosa.core.model.Constants;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.ValidateOutcome;
import org.javarosa.core.model.data.DateData;
import org.javarosa.core.model.data.DecimalData;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.SelectMultiData;
import org.javarosa.core.model.data.SelectOneData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.data.helper.Selection;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.model.utils.DateUtils;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;
import org.javarosa.form.api.FormEntryPrompt;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.javarosa.xform.util.XFormUtils;

public class FillForm {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FillForm FORM.xml OUT.xml name=value ...");
            System.exit(2);
        }
        Map<String, String> answers = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            answers.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        FormDef form;
        try (FileInputStream in = new FileInputStream(args[0])) {
            form = XFormUtils.getFormFromInputStream(in);
        }
        form.initialize(true, new InstanceInitializationFactory());
        FormEntryModel model = new FormEntryModel(form);
        FormEntryController entry = new FormEntryController(model);
        entry.jumpToIndex(FormIndex.createBeginningOfFormIndex());
        int event;
        while ((event = entry.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
            if (event != FormEntryController.EVENT_QUESTION) {
                continue;
            }
            FormEntryPrompt prompt = model.getQuestionPrompt();
            String name = prompt.getIndex().getReference().getNameLast();
            String value = answers.get(name);
            if (value == null) {
                continue;
            }
            IAnswerData data = answer(prompt, value);
            int status = entry.answerQuestion(prompt.getIndex(), data, true);
            if (status == FormEntryController.ANSWER_CONSTRAINT_VIOLATED) {
                System.err.println(name + " '" + value + "': " + prompt.getConstraintText());
                System.exit(3);
            }
            if (status != FormEntryController.ANSWER_OK) {
                System.err.println(name + " '" + value + "': status " + status);
                System.exit(2);
            }
        }
        ValidateOutcome outcome = form.validate(true);
        if (outcome != null) {
            System.err.println("required or invalid: "
                    + outcome.failedPrompt.getReference().toString(false) + " (" + outcome.outcome + ")");
            System.exit(4);
        }
        form.postProcessInstance();
        byte[] xml = new XFormSerializingVisitor().serializeInstance(form.getInstance());
        Files.write(Paths.get(args[1]), xml);
    }

    static IAnswerData answer(FormEntryPrompt prompt, String value) {
        switch (prompt.getDataType()) {
            case Constants.DATATYPE_CHOICE:
                return new SelectOneData(new Selection(choice(prompt, value)));
            case Constants.DATATYPE_CHOICE_LIST: {
                List<Selection> picked = new ArrayList<>();
                for (String v : value.trim().split("\\s+")) {
                    picked.add(new Selection(choice(prompt, v)));
                }
                return new SelectMultiData(picked);
            }
            case Constants.DATATYPE_INTEGER:
                return new IntegerData(Integer.parseInt(value));
            case Constants.DATATYPE_DECIMAL:
                return new DecimalData(Double.parseDouble(value));
            case Constants.DATATYPE_DATE:
                return new DateData(DateUtils.parseDate(value));
            default:
                return new StringData(value);
        }
    }

    static SelectChoice choice(FormEntryPrompt prompt, String value) {
        for (SelectChoice c : prompt.getSelectChoices()) {
            if (c.getValue().equals(value)) {
                return c;
            }
        }
        System.err.println(prompt.getIndex().getReference().getNameLast() + " '" + value + "': not a choice");
        System.exit(3);
        return null;
    }
}
