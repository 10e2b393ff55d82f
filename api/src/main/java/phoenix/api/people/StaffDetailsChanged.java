package phoenix.api.people;

import phoenix.api.DataSubject;
import phoenix.api.PersonalData;

import java.util.UUID;

public record StaffDetailsChanged(@DataSubject UUID staffId,
                                  @PersonalData String firstName,
                                  @PersonalData String lastName,
                                  @PersonalData String email,
                                  String position,
                                  boolean teacher) {
}
